package org.pet.transparency;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * Creating and verifying hash-chained, signed transparency log entries ({@link LogEntry}). Pure logic:
 * the server stores entries; anyone holding the server's Ed25519 public key can verify a copy of the log.
 */
public final class TransparencyLog {

  private TransparencyLog() {}

  /**
   * The outcome of a verification.
   *
   * @param valid whether every entry checked out
   * @param firstInvalidIndex the position in the list of the first bad entry, or -1
   * @param reason what was wrong with it, or "ok"
   */
  public record Verification(boolean valid, long firstInvalidIndex, String reason) {
    static Verification ok() {
      return new Verification(true, -1, "ok");
    }
  }

  /**
   * Creates the entry that follows {@code previous} (null for the first entry), signed with the server's
   * Ed25519 private key.
   */
  public static LogEntry append(LogEntry previous, String timestamp, String type, String payload,
      byte[] serverPrivateKey) {
    long index = previous == null ? 0 : previous.index() + 1;
    byte[] previousHash = previous == null ? LogEntry.GENESIS : previous.hash();
    byte[] hash = LogEntry.computeHash(index, timestamp, type, payload, previousHash);
    try {
      byte[] signature = new Ed25519Sign(serverPrivateKey).sign(hash);
      return new LogEntry(index, timestamp, type, payload, previousHash, hash, signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing the log entry failed", e);
    }
  }

  /**
   * Verifies a complete log from its first entry: consecutive indices from 0, each previous hash equal to
   * the predecessor's hash, each hash recomputed from the fields, each signature valid under the key.
   * Detects any altered, removed, inserted or reordered entry; reports the first bad position.
   */
  public static Verification verify(List<LogEntry> entries, byte[] serverPublicKey) {
    Objects.requireNonNull(entries, "entries");
    Ed25519Verify verifier = new Ed25519Verify(serverPublicKey);
    byte[] expectedPrevious = LogEntry.GENESIS;
    for (int i = 0; i < entries.size(); i++) {
      LogEntry entry = entries.get(i);
      if (entry.index() != i) {
        return new Verification(false, i, "expected index " + i + ", found " + entry.index());
      }
      if (!MessageDigest.isEqual(entry.previousHash(), expectedPrevious)) {
        return new Verification(false, i, "previous hash does not match entry " + (i - 1));
      }
      byte[] recomputed = LogEntry.computeHash(entry.index(), entry.timestamp(), entry.type(), entry.payload(),
          entry.previousHash());
      if (!MessageDigest.isEqual(recomputed, entry.hash())) {
        return new Verification(false, i, "hash does not match the entry's contents");
      }
      try {
        verifier.verify(entry.signature(), entry.hash());
      } catch (GeneralSecurityException e) {
        return new Verification(false, i, "invalid server signature");
      }
      expectedPrevious = entry.hash();
    }
    return Verification.ok();
  }
}
