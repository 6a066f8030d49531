package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * The discrete Gaussian mechanism on the integers: (epsilon, delta)-DP with delta in (0, 1) for a release
 * whose L2 sensitivity is {@code sqrt(l0Sensitivity) * lInfSensitivity}. sigma starts from the analytic
 * Gaussian calibration and, for one partition, is raised if needed until the discrete Gaussian's exact
 * privacy curve (Canonne, Kamath, Steinke 2020, Theorem 7) meets delta. Sampling is exact
 * ({@link DiscreteGaussianSampler}).
 *
 * <p>The {@code double} methods accept only integer-valued {@code x} and {@code lInfSensitivity} (use
 * {@link GaussianNoise} for real values). Thread-safe.
 */
public final class DiscreteGaussianNoise extends LatticeNoise {

  /** Uses the secure default random source ({@link Randomness#secureNoiseSource()}). */
  public DiscreteGaussianNoise() {
    this(Randomness.secureNoiseSource());
  }

  /** Uses {@code random}; for reproducible tests only - production noise needs a secure source. */
  public DiscreteGaussianNoise(RandomGenerator random) {
    super(NoiseFamily.GAUSSIAN, random, false);
  }

  /**
   * Returns the raw sampler this mechanism uses for one partition with integer sensitivity
   * {@code l2Sensitivity}.
   *
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public DiscreteGaussianSampler sampler(long l2Sensitivity, double epsilon, double delta) {
    DpChecks.checkAtLeastOne("l2Sensitivity", l2Sensitivity);
    DpChecks.checkEpsilon(epsilon);
    DpChecks.checkDelta(delta);
    return DiscreteGaussianSampler.forPrivacy(l2Sensitivity, 1, epsilon, delta, random());
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.DISCRETE_GAUSSIAN;
  }
}
