package org.pet.transparency;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of the public transparency log: what happened (a data-sharing agreement, a round, a dataset,
 * an answered query and its epsilon), chained to its predecessor and signed by the server.
 *
 * <p>{@code hash = SHA-256(index || timestamp || type || payload || previousHash)}, each field
 * length-prefixed (4-byte big-endian length, then UTF-8 or raw bytes; the index as 8 bytes big-endian);
 * the first entry's previous hash is 32 zero bytes. {@code signature} is the server's Ed25519 signature
 * over {@code hash}. Altering, removing, inserting or reordering any entry breaks the chain or a signature.
 *
 * @param index position in the log, from 0
 * @param timestamp ISO-8601 UTC instant the server appended it
 * @param type what kind of event, e.g. {@code agreement}, {@code round-completed}, {@code query}
 * @param payload the event's public details as canonical JSON text
 * @param previousHash the hash of entry {@code index - 1}
 * @param hash this entry's hash
 * @param signature the server's signature over {@code hash}
 */
public record LogEntry(long index, String timestamp, String type, String payload, byte[] previousHash,
    byte[] hash, byte[] signature) {

  /** The previous hash of the first entry. */
  public static final byte[] GENESIS = new byte[32];

  public LogEntry {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    previousHash = previousHash.clone();
    hash = hash.clone();
    signature = signature.clone();
  }

  /** Computes the hash the entry's fields must have. */
  public static byte[] computeHash(long index, String timestamp, String type, String payload, byte[] previousHash) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(index);
      for (byte[] field : new byte[][] {utf8(timestamp), utf8(type), utf8(payload), previousHash}) {
        out.writeInt(field.length);
        out.write(field);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] previousHash() {
    return previousHash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogEntry e && e.index == index && e.timestamp.equals(timestamp) && e.type.equals(type)
        && e.payload.equals(payload) && Arrays.equals(e.previousHash, previousHash) && Arrays.equals(e.hash, hash)
        && Arrays.equals(e.signature, signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, type, Arrays.hashCode(hash));
  }

  @Override
  public String toString() {
    return "LogEntry{index=" + index + ", type=" + type + ", timestamp=" + timestamp + "}";
  }
}
