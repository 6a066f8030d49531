package org.pet.dp;

/**
 * A configured exact sampler of symmetric integer noise, for callers that need raw noise rather than a
 * mechanism (secure aggregation adds such noise to its integer inputs before masking).
 *
 * <p>Instances are thread-safe when their random source is.
 */
public interface IntegerNoiseSampler {

  /** Draws one sample. */
  long sample();

  /** Returns the exact variance of the distribution (computed, not the nominal scale). */
  double variance();

  /**
   * Returns the smallest {@code k >= 0} with {@code P(|Z| > k) <= alpha}.
   *
   * @throws IllegalArgumentException if alpha is not in (0, 1)
   */
  long confidenceHalfWidth(double alpha);
}
