package org.pet.dp;

import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * The Gaussian mechanism, safe against floating-point attacks: (epsilon, delta)-DP with delta in (0, 1)
 * for a release whose L2 sensitivity is {@code sqrt(l0Sensitivity) * lInfSensitivity}.
 *
 * <p>sigma comes from the analytic Gaussian calibration ({@link #sigma(double, double, double)}). Real
 * values are snapped to a power-of-two grid g with {@code sigma / g >= 2^11} and {@code lInf / g >= 2^10}
 * (but {@code sigma / g < 2^24}, the sampler's fast range) and receive g times an exact discrete Gaussian
 * sample, recalibrated for the grid (rounding to the grid adds one unit of sensitivity per partition) and,
 * for one partition, checked against the discrete Gaussian's own privacy curve (Canonne, Kamath, Steinke
 * 2020, Theorem 7). The extra unit costs at most 0.1% of sigma, or 0.6% where sigma exceeds 2^13 lInf
 * (L0 beyond about 100 at epsilon 0.001, delta 1e-5). The integer path adds exact discrete Gaussian noise.
 * Scales from 2^960 on are refused.
 *
 * <p>Thread-safe.
 */
public final class GaussianNoise extends LatticeNoise {

  /** Uses the secure default random source ({@link Randomness#secureNoiseSource()}). */
  public GaussianNoise() {
    this(Randomness.secureNoiseSource());
  }

  /** Uses {@code random}; for reproducible tests only - production noise needs a secure source. */
  public GaussianNoise(RandomGenerator random) {
    super(NoiseFamily.GAUSSIAN, random, true);
  }

  /**
   * The smallest sigma for which adding N(0, sigma^2) to a query of L2 sensitivity {@code l2Sensitivity}
   * is (epsilon, delta)-DP, by the analytic Gaussian mechanism (Balle and Wang, ICML 2018): bisection on
   * Phi(D/(2s) - eps s/D) - e^eps Phi(-D/(2s) - eps s/D) <= delta, rounded up. For eps = 1, delta = 1e-5,
   * D = 1 it is about 3.7306 (the classical bound gives 4.84).
   *
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static double sigma(double l2Sensitivity, double epsilon, double delta) {
    DpChecks.checkPositive("l2Sensitivity", l2Sensitivity);
    DpChecks.checkEpsilon(epsilon);
    DpChecks.checkDelta(delta);
    return GaussianCalibration.analyticSigma(l2Sensitivity, epsilon, delta);
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.GAUSSIAN;
  }
}
