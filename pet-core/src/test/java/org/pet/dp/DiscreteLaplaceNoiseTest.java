package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class DiscreteLaplaceNoiseTest {

  private static final int AUDIT_SAMPLES = 1_000_000;
  /** Bins with fewer outputs than this under either input are too noisy to estimate a ratio. */
  private static final int MIN_BIN_COUNT = 2_000;
  /**
   * Slack on the observed epsilon. A bin with c >= 2000 outputs per input has a log-ratio standard error
   * of at most sqrt(2 / 2000) = 0.032; 0.15 is 4.7 of those, over about a dozen bins: a false alarm
   * below 1e-4.
   */
  private static final double AUDIT_SLACK = 0.15;

  /**
   * Empirical privacy audit: run the mechanism on neighbouring inputs 0 and 1, histogram the outputs and
   * return the largest |log(count0 / count1)| over well-populated bins, an estimate of the epsilon the
   * mechanism really spends.
   */
  static double observedEpsilon(LongUnaryOperator mechanism) {
    Map<Long, int[]> histogram = new HashMap<>();
    for (int input = 0; input <= 1; input++) {
      for (int i = 0; i < AUDIT_SAMPLES; i++) {
        histogram.computeIfAbsent(mechanism.applyAsLong(input), k -> new int[2])[input]++;
      }
    }
    double worst = 0;
    for (int[] counts : histogram.values()) {
      if (counts[0] >= MIN_BIN_COUNT && counts[1] >= MIN_BIN_COUNT) {
        worst = Math.max(worst, Math.abs(Math.log((double) counts[0] / counts[1])));
      }
    }
    return worst;
  }

  @Test
  void audit_neighbouringInputs_observedEpsilonWithinSlackOfEpsilon() {
    DiscreteLaplaceNoise noise = new DiscreteLaplaceNoise(new SplittableRandom(7));
    double epsilon = 1.0;
    double observed = observedEpsilon(x -> noise.addNoise(x, 1, 1L, epsilon, null));
    // The bound is tight for the discrete Laplace: every bin has ratio exactly e^(+-epsilon).
    assertThat(observed).isBetween(epsilon - AUDIT_SLACK, epsilon + AUDIT_SLACK);
  }

  /** The audit must be able to fail: a mechanism spending 2 * epsilon is flagged. */
  @Test
  void audit_mechanismWithHalfTheNoise_isFlagged() {
    DiscreteLaplaceNoise noise = new DiscreteLaplaceNoise(new SplittableRandom(8));
    double observed = observedEpsilon(x -> noise.addNoise(x, 1, 1L, 2.0, null));
    assertThat(observed).isGreaterThan(1.0 + AUDIT_SLACK);
  }

  @Test
  void addNoise_double_requiresIntegers() {
    DiscreteLaplaceNoise noise = new DiscreteLaplaceNoise(new SplittableRandom(9));
    assertThat(noise.addNoise(12.0, 1, 1.0, 1.0, null) % 1.0).isZero();
    assertThatThrownBy(() -> noise.addNoise(0.5, 1, 1.0, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`x`");
    assertThatThrownBy(() -> noise.addNoise(1.0, 1, 1.5, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`lInfSensitivity`");
  }

  @Test
  void sampler_hasScaleL1OverEpsilon() {
    assertThat(new DiscreteLaplaceNoise().sampler(3, 0.5).scale()).isEqualTo(6.0);
  }

  @Test
  void sampler_badParameters_throwNamingThem() {
    assertThatThrownBy(() -> new DiscreteLaplaceNoise().sampler(0, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l1Sensitivity`");
    assertThatThrownBy(() -> new DiscreteLaplaceNoise().sampler(1, -1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @Test
  void getMechanismType_isDiscreteLaplace() {
    assertThat(new DiscreteLaplaceNoise().getMechanismType()).isEqualTo(MechanismType.DISCRETE_LAPLACE);
  }
}
