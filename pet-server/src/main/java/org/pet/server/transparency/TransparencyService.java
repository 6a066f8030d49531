package org.pet.server.transparency;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.pet.server.store.TransparencyLogRepository;
import org.pet.transparency.LogEntry;
import org.pet.transparency.TransparencyLog;

/**
 * Appends signed, hash-chained entries to the public transparency log. The server's Ed25519 signing key
 * lives in a file of its own in the data directory (owner read/write only), outside the database, so
 * that write access to the database alone cannot re-sign a rewritten history. Blocking: call off the event
 * loop. Appends are serialised.
 */
public final class TransparencyService {

  private final TransparencyLogRepository repository;
  private final byte[] privateKey;
  private final byte[] publicKey;

  public TransparencyService(TransparencyLogRepository repository, Path dataDirectory) {
    this.repository = repository;
    Path keyFile = dataDirectory.resolve("server-ed25519.key");
    try {
      Ed25519Sign.KeyPair keys;
      if (Files.exists(keyFile)) {
        keys = Ed25519Sign.KeyPair.newKeyPairFromSeed(Base64.getDecoder().decode(Files.readString(keyFile).strip()));
      } else {
        keys = Ed25519Sign.KeyPair.newKeyPair();
        Files.createDirectories(dataDirectory);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(keys.getPrivateKey()));
        try {
          Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: rely on the directory's permissions
        }
      }
      this.privateKey = keys.getPrivateKey();
      this.publicKey = keys.getPublicKey();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the server signing key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("invalid server signing key", e);
    }
  }

  /** The server's Ed25519 public key, for verifying the log. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Appends an event with its public details (canonical JSON) and returns the signed entry. */
  public synchronized LogEntry append(String type, String payloadJson) throws SQLException {
    LogEntry previous = repository.last().orElse(null);
    LogEntry entry = TransparencyLog.append(previous, Instant.now().toString(), type, payloadJson, privateKey);
    repository.append(entry);
    return entry;
  }

  public List<LogEntry> page(long from, int limit) throws SQLException {
    return repository.page(from, limit);
  }

  /** Verifies the whole stored log against this server's key. */
  public TransparencyLog.Verification verifyAll() throws SQLException {
    return TransparencyLog.verify(repository.page(0, Integer.MAX_VALUE), publicKey);
  }
}
