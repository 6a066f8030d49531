package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage check of a confidence interval over seeded trials: its miss rate must be at most alpha
 * plus {@link #STANDARD_ERRORS} binomial standard errors sqrt(alpha (1 - alpha) / trials). If the true
 * miss rate is exactly alpha, the normal approximation puts the false-alarm probability of one check at
 * about 3.4e-6 (one-sided); conservative intervals, whose true rate is below alpha, alarm even less.
 */
record MissRate(int misses, int trials) {

  static final double STANDARD_ERRORS = 4.5;

  double rate() {
    return (double) misses / trials;
  }

  /** The largest miss rate accepted for a (1 - alpha) interval over this many trials. */
  static double tolerated(double alpha, int trials) {
    return alpha + STANDARD_ERRORS * Math.sqrt(alpha * (1 - alpha) / trials);
  }

  void assertAtMost(double alpha) {
    assertThat(rate()).as("miss rate of %d trials at alpha %s", trials, alpha)
        .isLessThanOrEqualTo(tolerated(alpha, trials));
  }
}
