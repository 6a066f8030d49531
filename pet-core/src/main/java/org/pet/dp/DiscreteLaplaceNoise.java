package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * The discrete Laplace (geometric) mechanism on the integers: adds exact two-sided geometric noise with
 * P(Z = z) proportional to exp(-epsilon |z| / L1), L1 = l0Sensitivity * lInfSensitivity, which is pure
 * epsilon-DP ({@code delta} must be {@code null} or 0). Sampling follows Canonne, Kamath and Steinke
 * (NeurIPS 2020) and uses no floating-point exp/log ({@link DiscreteLaplaceSampler}).
 *
 * <p>The {@code double} methods accept only integer-valued {@code x} and {@code lInfSensitivity} (use
 * {@link LaplaceNoise} for real values). Thread-safe.
 */
public final class DiscreteLaplaceNoise extends LatticeNoise {

  /** Uses the secure default random source ({@link Randomness#secureNoiseSource()}). */
  public DiscreteLaplaceNoise() {
    this(Randomness.secureNoiseSource());
  }

  /** Uses {@code random}; for reproducible tests only - production noise needs a secure source. */
  public DiscreteLaplaceNoise(RandomGenerator random) {
    super(NoiseFamily.LAPLACE, random, false);
  }

  /**
   * Returns the raw sampler this mechanism uses for the given privacy parameters: discrete Laplace with
   * scale {@code l1Sensitivity / epsilon} (rounded up).
   *
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public DiscreteLaplaceSampler sampler(long l1Sensitivity, double epsilon) {
    DpChecks.checkAtLeastOne("l1Sensitivity", l1Sensitivity);
    DpChecks.checkEpsilon(epsilon);
    return DiscreteLaplaceSampler.forEpsilon(l1Sensitivity, epsilon, random());
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.DISCRETE_LAPLACE;
  }
}
