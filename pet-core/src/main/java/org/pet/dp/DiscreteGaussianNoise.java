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
public final class DiscreteGaussianNoise implements Noise {

  private final LatticeMechanism mechanism;
  private final RandomGenerator random;

  /** Uses the secure default random source ({@link Randomness#secureNoiseSource()}). */
  public DiscreteGaussianNoise() {
    this(Randomness.secureNoiseSource());
  }

  /** Uses {@code random}; for reproducible tests only - production noise needs a secure source. */
  public DiscreteGaussianNoise(RandomGenerator random) {
    this.mechanism = new LatticeMechanism(NoiseFamily.GAUSSIAN, random);
    this.random = random;
  }

  /**
   * Returns the raw sampler this mechanism uses for one partition with integer sensitivity
   * {@code l2Sensitivity}.
   *
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public DiscreteGaussianSampler sampler(long l2Sensitivity, double epsilon, double delta) {
    DpChecks.checkLInf(l2Sensitivity);
    DpChecks.checkEpsilon(epsilon);
    DpChecks.checkDelta(delta);
    return DiscreteGaussianSampler.forPrivacy(l2Sensitivity, 1, epsilon, delta, random);
  }

  @Override
  public double addNoise(double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    return mechanism.addIntegerNoise(x, l0Sensitivity, lInfSensitivity, epsilon, delta);
  }

  @Override
  public long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta) {
    return mechanism.addIntegerNoise(x, l0Sensitivity, lInfSensitivity, epsilon, delta);
  }

  @Override
  public ConfidenceInterval computeConfidenceInterval(double noisedX, int l0Sensitivity,
      double lInfSensitivity, double epsilon, Double delta, double alpha) {
    return mechanism.integerInterval(noisedX, l0Sensitivity, lInfSensitivity, epsilon, delta, alpha);
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.DISCRETE_GAUSSIAN;
  }
}
