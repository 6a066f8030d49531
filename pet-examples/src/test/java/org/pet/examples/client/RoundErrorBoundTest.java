package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pet.secagg.DistributedNoise;

/**
 * The bound {@link RoundErrorBound} gives holds for the noise the agencies really add: sums of m shares
 * drawn with the mechanisms' own samplers (seeded here, so each run is the same) fall outside it in at
 * most 5% of 20,000 cells.
 *
 * <p>Tolerance: the fraction outside may exceed 0.05 by 4 standard errors (sqrt(0.05 x 0.95 / 20,000) =
 * 0.00154), so a bound that truly holds fails a check with probability below 3.2e-5. The bound must also
 * be sharp: at least 2% outside, while the exact tails (by convolution) are 0.043 and 0.043 for the
 * Gaussian cases and 0.038 and 0.027 for the Laplace ones, each at least 4 standard errors above 0.02
 * (false alarm below 3.2e-5 per check).
 */
class RoundErrorBoundTest {

  private static final int CELLS = 20_000;
  private static final double MOST_OUTSIDE = 0.05 + 4 * Math.sqrt(0.05 * 0.95 / CELLS);
  private static final double LEAST_OUTSIDE = 0.02;

  @Test
  void halfWidth95_discreteGaussianSums_holdForNinetyFivePercent() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, 1000, 3);
    for (int survivors : new int[] {3, 5}) {
      long bound = RoundErrorBound.halfWidth95(noise, survivors);
      assertThat(bound).isEqualTo((long) Math.ceil(1.959963984540054 * Math.sqrt(noise.totalVariance(survivors))));
      assertThat(fractionOutside(noise, survivors, bound, 11 + survivors)).as("%d survivors", survivors)
          .isBetween(LEAST_OUTSIDE, MOST_OUTSIDE);
    }
  }

  @Test
  void halfWidth95_discreteLaplaceSums_holdForNinetyFivePercent() {
    DistributedNoise noise = DistributedNoise.discreteLaplace(1.0, 2.0, 1000, 2);
    for (int survivors : new int[] {2, 3}) {
      long bound = RoundErrorBound.halfWidth95(noise, survivors);
      assertThat(fractionOutside(noise, survivors, bound, 23 + survivors)).as("%d survivors", survivors)
          .isBetween(LEAST_OUTSIDE, MOST_OUTSIDE);
    }
  }

  @Test
  void halfWidth95_moreSurvivors_widensTheBound() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, 20, 3);
    assertThat(RoundErrorBound.halfWidth95(noise, 6)).isGreaterThan(RoundErrorBound.halfWidth95(noise, 3));
  }

  @Test
  void halfWidth95_noSurvivors_isRefused() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, 20, 3);
    assertThatThrownBy(() -> RoundErrorBound.halfWidth95(noise, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`survivors` must be >= 1, was 0");
  }

  @Test
  void halfWidth95_laplaceBelowItsCalibration_isRefused() {
    DistributedNoise noise = DistributedNoise.discreteLaplace(1.0, 2.0, 20, 3);
    assertThatThrownBy(() -> RoundErrorBound.halfWidth95(noise, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`survivors` must be >= minimumSurvivors 3");
  }

  @Test
  void halfWidth95_nullNoise_isRefused() {
    assertThatThrownBy(() -> RoundErrorBound.halfWidth95(null, 3)).isInstanceOf(NullPointerException.class);
  }

  /** The fraction of {@link #CELLS} cells, each the sum of {@code survivors} shares, outside +-bound. */
  private static double fractionOutside(DistributedNoise noise, int survivors, long bound, long seed) {
    DistributedNoise seeded = noise.withRandom(new SplittableRandom(seed));
    int outside = 0;
    for (int drawn = 0; drawn < CELLS; drawn += seeded.dimension()) {
      long[] cells = new long[seeded.dimension()];
      for (int agency = 0; agency < survivors; agency++) {
        seeded.addShareTo(cells);
      }
      for (long cell : cells) {
        outside += Math.abs(cell) > bound ? 1 : 0;
      }
    }
    return outside / (double) CELLS;
  }
}
