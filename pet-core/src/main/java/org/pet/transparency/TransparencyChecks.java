package org.pet.transparency;

/**
 * Parameter checks for the transparency package, with the project's one message form:
 * {@code "`index` must be in [0, 5), was 7"}.
 */
final class TransparencyChecks {

  private TransparencyChecks() {}

  /**
   * Throws unless {@code valid}.
   *
   * @throws IllegalArgumentException "`name` must be requirement, was value"
   */
  static void require(boolean valid, String name, String requirement, Object value) {
    if (!valid) {
      throw invalid(name, requirement, value);
    }
  }

  static <T> T checkNotNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException("`" + name + "` must not be null");
    }
    return value;
  }

  /**
   * Checks that {@code value} is non-null well-formed UTF-16 (no unpaired surrogate), so that its UTF-8
   * encoding is defined and distinct strings have distinct encodings.
   */
  static String checkUnicode(String name, String value) {
    checkNotNull(name, value);
    int bad = firstUnpairedSurrogate(value);
    require(bad < 0, name, "well-formed Unicode", "a string with an unpaired surrogate at char " + bad);
    return value;
  }

  /** The index of the first unpaired surrogate in {@code text}, or -1. */
  static int firstUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Checks that {@code value} is a 32-byte hash and returns it (not a copy). */
  static byte[] checkHash(String name, byte[] value) {
    require(checkNotNull(name, value).length == Sha256.LENGTH, name, Sha256.LENGTH + " bytes",
        value.length + " bytes");
    return value;
  }

  /** Checks {@code lower <= value < upper}. */
  static long checkIndex(String name, long value, long lower, long upper) {
    require(value >= lower && value < upper, name, "in [" + lower + ", " + upper + ")", value);
    return value;
  }

  /** Checks {@code lower <= value <= upper}. */
  static long checkClosed(String name, long value, long lower, long upper) {
    require(value >= lower && value <= upper, name, "in [" + lower + ", " + upper + "]", value);
    return value;
  }

  static IllegalArgumentException invalid(String name, String requirement, Object value) {
    return new IllegalArgumentException("`" + name + "` must be " + requirement + ", was " + value);
  }
}
