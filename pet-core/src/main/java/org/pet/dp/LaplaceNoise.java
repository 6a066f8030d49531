package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * The Laplace mechanism, safe against floating-point attacks: pure epsilon-DP ({@code delta} must be
 * {@code null} or 0) for a release whose L1 sensitivity is {@code l0Sensitivity * lInfSensitivity}.
 *
 * <p>Real values use snapping (Mironov, CCS 2012): the grid spacing g is the power of two with
 * {@code b / g} in [2^40, 2^41) for the Laplace scale b = L1 / epsilon, the input is rounded to the grid
 * and g times an exact two-sided geometric sample is added, so outputs always lie on that grid. The integer
 * path adds exact discrete Laplace noise with scale L1 / epsilon ({@link DiscreteLaplaceSampler}).
 *
 * <p>Thread-safe.
 */
public final class LaplaceNoise implements Noise {

  private final LatticeMechanism mechanism;

  /** Uses the secure default random source ({@link Randomness#secureNoiseSource()}). */
  public LaplaceNoise() {
    this(Randomness.secureNoiseSource());
  }

  /** Uses {@code random}; for reproducible tests only - production noise needs a secure source. */
  public LaplaceNoise(RandomGenerator random) {
    this.mechanism = new LatticeMechanism(NoiseFamily.LAPLACE, random);
  }

  @Override
  public double addNoise(double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    return mechanism.addSnappedNoise(x, l0Sensitivity, lInfSensitivity, epsilon, delta);
  }

  @Override
  public long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta) {
    return mechanism.addIntegerNoise(x, l0Sensitivity, lInfSensitivity, epsilon, delta);
  }

  @Override
  public ConfidenceInterval computeConfidenceInterval(double noisedX, int l0Sensitivity,
      double lInfSensitivity, double epsilon, Double delta, double alpha) {
    return mechanism.snappedInterval(noisedX, l0Sensitivity, lInfSensitivity, epsilon, delta, alpha);
  }

  /** The grid spacing real-valued outputs lie on for these parameters (a power of two). */
  double granularity(int l0Sensitivity, double lInfSensitivity, double epsilon) {
    return mechanism.grid(l0Sensitivity, lInfSensitivity, epsilon, null).granularity();
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.LAPLACE;
  }
}
