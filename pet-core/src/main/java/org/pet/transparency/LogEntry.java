package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkUnicode;
import static org.pet.transparency.TransparencyChecks.require;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One entry (leaf) of the public transparency log: what happened - a data-sharing agreement, a round, a
 * dataset, an answered query and its epsilon. The log is a Merkle tree ({@link MerkleLog}) over the entries'
 * {@link #leafHash() leaf hashes}; the server signs {@link Checkpoint checkpoints} of it.
 *
 * <p><b>Leaf data</b> (docs/PROTOCOL.md section 9.1): {@code index} as 8 bytes big-endian, then for each of
 * {@code timestamp}, {@code type} and {@code payload} the length of its UTF-8 encoding as 4 bytes big-endian
 * followed by that encoding. The encoding is injective: two different entries never share leaf data.
 *
 * @param index position in the log, from 0
 * @param timestamp RFC 3339 UTC instant the server appended it, e.g. {@code 2026-01-01T00:00:00Z}
 * @param type what kind of event, e.g. {@code agreement}, {@code round-completed}, {@code query}
 * @param payload the event's public details as canonical JSON text
 */
public record LogEntry(long index, String timestamp, String type, String payload) {

  /**
   * Checks the fields. The strings must be well-formed Unicode (an unpaired surrogate has no UTF-8 encoding,
   * so two such strings could share leaf data); their form is otherwise the server's business.
   *
   * @throws IllegalArgumentException if {@code index < 0}, or a string is null or has an unpaired surrogate
   */
  public LogEntry {
    require(index >= 0, "index", ">= 0", index);
    checkUnicode("timestamp", timestamp);
    checkUnicode("type", type);
    checkUnicode("payload", payload);
  }

  /**
   * The leaf data: {@code index (8 bytes BE) || len(timestamp) (4 bytes BE) || timestamp || len(type) ||
   * type || len(payload) || payload}, strings in UTF-8. A fresh array each call.
   *
   * @throws IllegalArgumentException if the encoding would exceed the largest Java array
   */
  public byte[] leafData() {
    byte[][] fields = {utf8(timestamp), utf8(type), utf8(payload)};
    long length = Long.BYTES;
    for (byte[] field : fields) {
      length += Integer.BYTES + field.length;
    }
    require(length <= Integer.MAX_VALUE - 8, "entry", "at most 2^31 - 9 bytes of leaf data", length + " bytes");
    ByteBuffer data = ByteBuffer.allocate((int) length).putLong(index);
    for (byte[] field : fields) {
      data.putInt(field.length).put(field);
    }
    return data.array();
  }

  /** {@code MerkleTree.leafHash(leafData())}: {@code SHA-256(0x00 || leafData())}. */
  public byte[] leafHash() {
    return MerkleTree.leafHash(leafData());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
