package org.pet.dp;

/**
 * A closed interval [lowerBound, upperBound] that contains the true (un-noised) value with at least the
 * requested probability 1 - alpha, over the randomness of the noise.
 *
 * @param lowerBound smallest value of the interval
 * @param upperBound largest value of the interval, {@code >= lowerBound}
 */
public record ConfidenceInterval(double lowerBound, double upperBound) {

  /**
   * @throws IllegalArgumentException if a bound is NaN or the bounds are out of order
   */
  public ConfidenceInterval {
    if (Double.isNaN(lowerBound) || Double.isNaN(upperBound) || lowerBound > upperBound) {
      throw new IllegalArgumentException(
          "`lowerBound` must be <= `upperBound`, was [" + lowerBound + ", " + upperBound + "]");
    }
  }

  /** Returns whether {@code value} lies in the closed interval. */
  public boolean contains(double value) {
    return value >= lowerBound && value <= upperBound;
  }

  /** Returns {@code upperBound - lowerBound}. */
  public double width() {
    return upperBound - lowerBound;
  }

  /**
   * Moves both bounds into [min, max] ({@code min <= max}): the result contains every value of [min, max]
   * this interval contains, so where the true value is known to lie in [min, max] coverage is kept. An
   * interval wholly outside [min, max] becomes the nearer end point.
   */
  ConfidenceInterval clampedTo(double min, double max) {
    return new ConfidenceInterval(
        Math.max(min, Math.min(max, lowerBound)), Math.max(min, Math.min(max, upperBound)));
  }

  /** The smallest interval with integer bounds that contains this one. */
  ConfidenceInterval roundedOutward() {
    return new ConfidenceInterval(Math.floor(lowerBound), Math.ceil(upperBound));
  }
}
