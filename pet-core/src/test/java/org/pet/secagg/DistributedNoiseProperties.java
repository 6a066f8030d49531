package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.pet.dp.accounting.ZeroConcentratedDp;
import org.pet.secagg.DistributedNoise.PrivacyGuarantee;

/** The calibrated guarantees over generated parameters (log-uniform epsilon, delta, sensitivity, rho). */
class DistributedNoiseProperties {

  @Property(tries = 300)
  void discreteGaussian_meetsTargetAtThreshold_neverWeakerAbove_andSigmaIsTight(
      @ForAll @DoubleRange(min = -2, max = 1.3) double log10Epsilon,
      @ForAll @DoubleRange(min = -12, max = -2) double log10Delta,
      @ForAll @DoubleRange(min = -1, max = 3) double log10Sensitivity,
      @ForAll @IntRange(min = 1, max = 10_000) int dimension,
      @ForAll @IntRange(min = 1, max = 300) int threshold, @ForAll @IntRange(min = 1, max = 1000) int extra) {
    double epsilon = Math.pow(10, log10Epsilon);
    double delta = Math.pow(10, log10Delta);
    double l2 = Math.pow(10, log10Sensitivity);
    DistributedNoise noise = DistributedNoise.discreteGaussian(epsilon, delta, l2, dimension, threshold);
    PrivacyGuarantee atThreshold = noise.achievedFor(threshold);
    assertThat(atThreshold.epsilon()).isLessThanOrEqualTo(epsilon * (1 + 1e-9));
    assertThat(atThreshold.delta()).isLessThanOrEqualTo(delta);
    PrivacyGuarantee above = noise.achievedFor(threshold + extra);
    assertThat(above.epsilon()).isLessThanOrEqualTo(atThreshold.epsilon());
    assertThat(above.delta()).isLessThanOrEqualTo(atThreshold.delta());
    double sigma = noise.perClientSigma();
    if (sigma * 0.99 >= DiscreteGaussianSum.MIN_SIGMA) {
      assertThat(DiscreteGaussianSum.epsilon(0.99 * sigma, delta, l2, dimension, threshold))
          .isGreaterThan(epsilon);
    }
  }

  @Property(tries = 300)
  void discreteLaplace_meetsTargetAtThreshold_andIsMonotone(
      @ForAll @DoubleRange(min = -2, max = 1.3) double log10Epsilon,
      @ForAll @DoubleRange(min = -1, max = 3) double log10Sensitivity,
      @ForAll @IntRange(min = 1, max = 300) int threshold, @ForAll @IntRange(min = 1, max = 1000) int extra) {
    double epsilon = Math.pow(10, log10Epsilon);
    double l1 = Math.pow(10, log10Sensitivity);
    Assume.that(PolyaSampler.expectedProposals(l1 / epsilon, threshold)
        <= DistributedNoise.MAX_EXPECTED_PROPOSALS / 2);
    DistributedNoise noise = DistributedNoise.discreteLaplace(epsilon, l1, 1, threshold);
    PrivacyGuarantee atThreshold = noise.achievedFor(threshold);
    assertThat(atThreshold.epsilon())
        .isLessThanOrEqualTo(epsilon).isCloseTo(epsilon, within(1e-12 * epsilon));
    assertThat(atThreshold.delta()).isZero();
    assertThat(noise.achievedFor(threshold + extra)).isEqualTo(atThreshold);
    if (threshold > 1) {
      assertThat(noise.achievedFor(threshold - 1).epsilon()).isGreaterThan(atThreshold.epsilon());
    }
  }

  @Property(tries = 500)
  void zcdpEpsilon_isValidTightAndAtMostClassical(
      @ForAll @DoubleRange(min = -6, max = 2) double log10Rho,
      @ForAll @DoubleRange(min = -12, max = -2) double log10Delta) {
    double rho = Math.pow(10, log10Rho);
    double delta = Math.pow(10, log10Delta);
    double epsilon = ZeroConcentratedDp.epsilon(rho, delta);
    assertThat(epsilon).isNotNegative()
        .isLessThanOrEqualTo((rho + 2 * Math.sqrt(rho * Math.log(1 / delta))) * (1 + 1e-12));
    assertThat(DistributedNoiseTest.cksDelta(rho, epsilon)).isLessThanOrEqualTo(delta * (1 + 1e-6));
    if (epsilon > 0) {
      assertThat(DistributedNoiseTest.cksDelta(rho, epsilon * (1 - 1e-4))).isGreaterThan(delta);
    }
  }
}
