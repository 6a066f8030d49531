package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class DiscreteLaplaceNoiseTest {

  private static final int AUDIT_SAMPLES = 1_000_000;
  /**
   * Slack on the observed epsilon. A bin with c >= 2000 outputs per input has a log-ratio standard error
   * of at most sqrt(2 / 2000) = 0.032; 0.15 is 4.7 of those, over about a dozen bins: a false alarm
   * below 1e-4.
   */
  private static final double AUDIT_SLACK = 0.15;

  /** The largest |log(count0 / count1)| over well-populated output bins for inputs 0 and 1. */
  static double observedEpsilon(LongUnaryOperator mechanism) {
    return PrivacyAudit.run(AUDIT_SAMPLES, 1, () -> mechanism.applyAsLong(0), () -> mechanism.applyAsLong(1))
        .observed();
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
