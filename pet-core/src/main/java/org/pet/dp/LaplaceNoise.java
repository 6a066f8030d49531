package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * The Laplace mechanism, safe against floating-point attacks: pure epsilon-DP ({@code delta} must be
 * {@code null} or 0) for a release whose L1 sensitivity is {@code l0Sensitivity * lInfSensitivity}.
 *
 * <p>Real values use snapping (Mironov, CCS 2012): the grid spacing g is a power of two with
 * {@code b / g >= 2^20} for the Laplace scale b = L1 / epsilon and {@code lInf / g >= 2^10} (unless that
 * needs {@code b / g} beyond 2^41), the input is rounded to the grid and g times an exact two-sided
 * geometric sample, calibrated for the lattice sensitivity {@code floor(lInf / g) + 1}, is added, so outputs
 * always lie on that grid and the noise's standard deviation is within 0.1% of sqrt(2) b. The integer
 * path adds exact discrete Laplace noise with scale L1 / epsilon ({@link DiscreteLaplaceSampler}). Scales
 * from 2^960 on are refused.
 *
 * <p>Thread-safe.
 */
public final class LaplaceNoise extends LatticeNoise {

  /** Uses the secure default random source ({@link Randomness#secureNoiseSource()}). */
  public LaplaceNoise() {
    this(Randomness.secureNoiseSource());
  }

  /** Uses {@code random}; for reproducible tests only - production noise needs a secure source. */
  public LaplaceNoise(RandomGenerator random) {
    super(NoiseFamily.LAPLACE, random, true);
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.LAPLACE;
  }
}
