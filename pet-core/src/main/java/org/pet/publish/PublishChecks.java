package org.pet.publish;

/**
 * Parameter checks for the publish package, with the project's one message form:
 * {@code "`roundingBase` must be >= 1, was 0"}.
 */
final class PublishChecks {

  private PublishChecks() {}

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

  static String checkNotBlank(String name, String value) {
    require(!checkNotNull(name, value).isBlank(), name, "not blank", "\"" + value + "\"");
    return value;
  }

  static IllegalArgumentException invalid(String name, String requirement, Object value) {
    return new IllegalArgumentException("`" + name + "` must be " + requirement + ", was " + value);
  }
}
