package org.pet.transparency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The C2SP signed-note encoding (c2sp.org/signed-note): a text ending in a newline, a blank line, then one
 * or more signature lines {@code "— " + key name + " " + base64(key id (4 bytes) || signature) + "\n"}.
 * Parsing is strict: pet writes exactly one form, and anything else is refused with a message naming it.
 */
final class SignedNote {

  /** Em dash U+2014 and a space: how every signature line starts. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  /** The most signature lines accepted in one note (signed-note asks verifiers to accept at least 16). */
  static final int MAX_SIGNATURES = 16;

  /** Signature type byte of Ed25519 in the signed-note key id. */
  static final byte ED25519_TYPE = 0x01;

  private static final int MAX_QUOTED = 80;

  private SignedNote() {}

  /** One signature line. */
  record Signature(String keyName, byte[] keyId, byte[] signature) {}

  /** A parsed note: its text (with its final newline) and its signature lines in order. */
  record Parsed(String text, List<Signature> signatures) {}

  static String format(String text, String keyName, byte[] keyId, byte[] signature) {
    byte[] keyIdAndSignature = Arrays.copyOf(keyId, keyId.length + signature.length);
    System.arraycopy(signature, 0, keyIdAndSignature, keyId.length, signature.length);
    return text + "\n" + SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(keyIdAndSignature)
        + "\n";
  }

  /**
   * Splits a note into its text and signature lines.
   *
   * @throws IllegalArgumentException naming the first thing that is wrong
   */
  static Parsed parse(String note) {
    if (note == null) {
      throw new IllegalArgumentException("`note` must not be null");
    }
    int surrogate = TransparencyChecks.firstUnpairedSurrogate(note);
    if (surrogate >= 0) {
      throw invalid("be well-formed Unicode", "an unpaired surrogate at char " + surrogate);
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw invalid("have no control character but newline (lines end with LF alone, not CRLF)",
            String.format("U+%04X at char %d", (int) c, i));
      }
    }
    if (!note.endsWith("\n")) {
      throw invalid("end with a newline", "a note ending " + quote(tail(note)));
    }
    int blank = note.lastIndexOf("\n\n");
    if (blank < 0) {
      throw invalid("separate its text from the signatures by a blank line", "a note without one");
    }
    if (blank + 2 == note.length()) {
      throw invalid("have at least one signature line after the blank line", "a note without one");
    }
    String text = note.substring(0, blank + 1);
    String[] lines = note.substring(blank + 2, note.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw invalid("have at most " + MAX_SIGNATURES + " signature lines", lines.length);
    }
    List<Signature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(parseSignatureLine(line));
    }
    return new Parsed(text, List.copyOf(signatures));
  }

  private static Signature parseSignatureLine(String line) {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw invalid("have only signature lines, each starting with an em dash (U+2014) and a space, after the "
          + "blank line", quote(line));
    }
    int space = line.indexOf(' ', SIGNATURE_PREFIX.length());
    if (space < 0) {
      throw invalid("have signature lines \"— <key name> <base64 signature>\"", quote(line));
    }
    String keyName = line.substring(SIGNATURE_PREFIX.length(), space);
    if (!isKeyName(keyName)) {
      throw invalid("have signature key names that are non-empty, without white space or '+'", quote(keyName));
    }
    byte[] decoded = decodeBase64(line.substring(space + 1));
    if (decoded == null || decoded.length < 5) {
      throw invalid("have signatures in padded standard base64 of a 4-byte key id and a signature",
          quote(line.substring(space + 1)));
    }
    return new Signature(keyName, Arrays.copyOf(decoded, 4), Arrays.copyOfRange(decoded, 4, decoded.length));
  }

  /**
   * Decodes canonical padded standard base64 (RFC 4648 section 4): the alphabet {@code A-Z a-z 0-9 + /},
   * {@code =} padding to a multiple of 4 characters, zero unused bits; anything else (other alphabets,
   * missing padding, white space) gives {@code null}.
   */
  static byte[] decodeBase64(String text) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(decoded).equals(text) ? decoded : null;
  }

  /** A signed-note key name: non-empty, no Unicode white space, no '+'. */
  static boolean isKeyName(String name) {
    return name != null && !name.isEmpty() && TransparencyChecks.firstUnpairedSurrogate(name) < 0
        && name.codePoints().noneMatch(c -> isSpace(c) || c == '+' || Character.getType(c) == Character.CONTROL);
  }

  static void checkKeyName(String argument, String name) {
    if (!isKeyName(name)) {
      throw TransparencyChecks.invalid(argument, "a signed-note key name (non-empty, no white space, no '+')",
          name == null ? "null" : quote(name));
    }
  }

  /** Unicode white space: Java white space or a space separator (Zs, Zl, Zp, including no-break spaces). */
  static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /** "`note` must requirement, was value": the requirement reads as a verb phrase ("end with a newline"). */
  static IllegalArgumentException invalid(String requirement, Object value) {
    return new IllegalArgumentException("`note` must " + requirement + ", was " + value);
  }

  /** {@code text} in double quotes, shortened to its first characters if long. */
  static String quote(String text) {
    String shown = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    return "\"" + shown.replace("\n", "\\n") + "\"";
  }

  private static String tail(String text) {
    return text.length() <= MAX_QUOTED ? text : text.substring(text.length() - MAX_QUOTED);
  }
}
