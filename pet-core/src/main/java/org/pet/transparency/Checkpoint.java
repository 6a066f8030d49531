package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkNotNull;
import static org.pet.transparency.TransparencyChecks.require;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A checkpoint of the transparency log: the log's origin, the size of the tree and its root hash
 * ({@link MerkleTree}), and the time the server signed it. Its {@link #body()} is a C2SP tlog-checkpoint
 * note text (c2sp.org/tlog-checkpoint) with one extension line carrying the time; {@link #sign} wraps it in a
 * C2SP signed note (c2sp.org/signed-note) with an Ed25519 signature. Byte-exact format: docs/PROTOCOL.md
 * section 9.4.
 *
 * <p>A log never signs two checkpoints that are inconsistent (no consistency proof leads from the smaller
 * to the larger); a verifier that keeps the last checkpoint it saw detects a rewritten, truncated or forked
 * log by asking for a consistency proof from it.
 *
 * @param origin the log's identity, e.g. {@code pet.example/transparency}: non-empty, no leading or trailing
 *     white space, and printable (no code point of Unicode category Cc, Cf, Zl or Zp, no unpaired
 *     surrogate); to {@link #sign} it, also a signed-note key name (no white space, no {@code +})
 * @param treeSize the number of leaves, {@code >= 0}
 * @param rootHash the root hash of the tree of {@code treeSize} leaves, 32 bytes (copied in and out)
 * @param timestamp when the server signed it, truncated to whole seconds, years 0000 to 9999 (RFC 3339)
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant timestamp) {

  /** The extension line's keyword: the body's fourth line is {@code "timestamp " + RFC 3339 time}. */
  static final String TIMESTAMP_PREFIX = "timestamp ";

  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern RFC3339_UTC_SECONDS =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final Pattern TREE_SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  /**
   * Checks the fields and truncates {@code timestamp} to whole seconds.
   *
   * @throws IllegalArgumentException if a field is null or outside the ranges above
   */
  public Checkpoint {
    checkOrigin(origin);
    require(treeSize >= 0, "treeSize", ">= 0", treeSize);
    rootHash = TransparencyChecks.checkHash("rootHash", rootHash).clone();
    checkNotNull("timestamp", timestamp);
    timestamp = timestamp.truncatedTo(ChronoUnit.SECONDS);
    require(!timestamp.isBefore(EARLIEST) && !timestamp.isAfter(LATEST), "timestamp",
        "in [" + EARLIEST + ", " + LATEST + "]", timestamp);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /**
   * The note text: four lines, each ended by a newline (U+000A): the origin, the tree size in decimal
   * without leading zeros, the standard base64 (RFC 4648 section 4, padded) of the root hash, and
   * {@code timestamp <yyyy-MM-ddTHH:mm:ssZ>}.
   */
  public String body() {
    return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
        + TIMESTAMP_PREFIX + formatTimestamp(timestamp) + "\n";
  }

  /**
   * Signs the checkpoint with the log's Ed25519 key: a signed note of {@link #body()} with one signature
   * line under the key name {@link #origin()}. Ed25519 is deterministic, so the note is a function of the
   * checkpoint and the key.
   *
   * @param ed25519PrivateKeySeed the 32-byte RFC 8032 private key (seed); not kept
   * @throws IllegalArgumentException if the seed is not 32 bytes or the origin is not a valid key name
   */
  public SignedCheckpoint sign(byte[] ed25519PrivateKeySeed) {
    return new CheckpointSigner(origin, ed25519PrivateKeySeed).sign(this);
  }

  /**
   * Parses a checkpoint body as {@link #body()} writes it, and nothing else: exactly four lines, canonical
   * numbers, base64 and time.
   *
   * @throws IllegalArgumentException naming the first line that is wrong
   */
  static Checkpoint parseBody(String text) {
    if (!text.endsWith("\n")) {
      throw SignedNote.invalid("end its text with a newline", SignedNote.quote(text));
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length != 4) {
      throw SignedNote.invalid("have a checkpoint text of 4 lines (origin, tree size, root hash, timestamp)",
          lines.length + " lines");
    }
    String origin = lines[0];
    try {
      checkOrigin(origin);
    } catch (IllegalArgumentException e) {
      throw SignedNote.invalid("have a valid origin in line 1 (" + e.getMessage() + ")", SignedNote.quote(origin));
    }
    if (!TREE_SIZE.matcher(lines[1]).matches()) {
      throw SignedNote.invalid("have the tree size in line 2 in decimal without leading zeros",
          SignedNote.quote(lines[1]));
    }
    long treeSize;
    try {
      treeSize = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw SignedNote.invalid("have a tree size below 2^63 in line 2", SignedNote.quote(lines[1]));
    }
    byte[] root = SignedNote.decodeBase64(lines[2]);
    if (root == null || root.length != Sha256.LENGTH) {
      throw SignedNote.invalid("have the root hash in line 3 as the padded standard base64 of 32 bytes",
          SignedNote.quote(lines[2]));
    }
    if (!lines[3].startsWith(TIMESTAMP_PREFIX)) {
      throw SignedNote.invalid("have the extension line \"timestamp <RFC 3339 UTC time>\" as line 4",
          SignedNote.quote(lines[3]));
    }
    Instant timestamp = parseTimestamp(lines[3].substring(TIMESTAMP_PREFIX.length()));
    return new Checkpoint(origin, treeSize, root, timestamp);
  }

  /** {@code yyyy-MM-ddTHH:mm:ssZ}, the RFC 3339 form used in the body. */
  static String formatTimestamp(Instant instant) {
    return instant.toString(); // ISO_INSTANT: whole seconds print no fraction; years 0000-9999 print 4 digits
  }

  private static Instant parseTimestamp(String text) {
    IllegalArgumentException wrong = SignedNote.invalid(
        "have a timestamp yyyy-MM-ddTHH:mm:ssZ (RFC 3339, UTC, whole seconds) in line 4", SignedNote.quote(text));
    if (!RFC3339_UTC_SECONDS.matcher(text).matches()) {
      throw wrong;
    }
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw wrong;
    }
    if (!formatTimestamp(instant).equals(text)) { // e.g. a leap second 23:59:60, read as 23:59:59
      throw wrong;
    }
    return instant;
  }

  private static void checkOrigin(String origin) {
    checkNotNull("origin", origin);
    require(!origin.isEmpty(), "origin", "non-empty", "\"\"");
    int bad = TransparencyChecks.firstUnpairedSurrogate(origin);
    require(bad < 0, "origin", "well-formed Unicode", "a string with an unpaired surrogate at char " + bad);
    origin.codePoints().forEach(c -> require(isPrintable(c), "origin", "printable (no control, format or "
        + "line/paragraph separator character)", "a string with U+" + String.format("%04X", c)));
    int first = origin.codePointAt(0);
    int last = origin.codePointBefore(origin.length());
    require(!SignedNote.isSpace(first) && !SignedNote.isSpace(last), "origin",
        "free of leading and trailing white space", SignedNote.quote(origin));
  }

  private static boolean isPrintable(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint c && c.origin.equals(origin) && c.treeSize == treeSize
        && Arrays.equals(c.rootHash, rootHash) && c.timestamp.equals(timestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash), timestamp);
  }

  @Override
  public String toString() {
    return "Checkpoint{origin=" + origin + ", treeSize=" + treeSize + ", rootHash="
        + java.util.HexFormat.of().formatHex(rootHash) + ", timestamp=" + formatTimestamp(timestamp) + "}";
  }
}
