package org.pet.spark;

/**
 * Argument checks for pet-spark, with pet-core's one message form:
 * {@code "`epsilon` must be finite and > 0, was NaN"}.
 */
final class Checks {

  private Checks() {}

  static IllegalArgumentException invalid(String name, String requirement, Object value) {
    return new IllegalArgumentException("`" + name + "` must be " + requirement + ", was " + value);
  }

  /** Returns {@code name} if it is neither null nor blank. */
  static String checkName(String what, String name) {
    if (name == null || name.isBlank()) {
      throw invalid(what, "a non-blank name", name == null ? "null" : "\"" + name + "\"");
    }
    return name;
  }

  static int checkAtLeastOne(String name, int value) {
    if (value < 1) {
      throw invalid(name, ">= 1", value);
    }
    return value;
  }

  static double checkFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw invalid(name, "finite", value);
    }
    return value;
  }

  /** Checks {@code lower < upper}, both finite, with a finite width, for the output {@code output}. */
  static void checkBounds(String output, double lower, double upper) {
    checkFinite("lower` of `" + output, lower);
    checkFinite("upper` of `" + output, upper);
    if (!(lower < upper) || Double.isInfinite(upper - lower)) {
      throw invalid("upper` of `" + output, "> `lower` (" + lower + ") with a finite width", upper);
    }
  }
}
