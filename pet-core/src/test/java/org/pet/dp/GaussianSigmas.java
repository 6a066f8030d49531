package org.pet.dp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** sigma generators for the discrete Gaussian's long-arithmetic paths. */
final class GaussianSigmas {

  /** sigma as the benchmarks and GaussianNoise use it: 1025 lattice units of sensitivity, eps 1, delta 1e-5. */
  static final double GRID_SIGMA = GaussianCalibration.discreteSigma(1025, 1, 1.0, 1e-5);

  private GaussianSigmas() {}

  /**
   * Log-uniform sigmas in [2^minLog2, 2^maxLog2] with full 53-bit mantissas (the fixed-point path inside
   * its range); short dyadics m / 2^k, where x is often a multiple of 2^-64 and the exact long path
   * decides; and the given fixed values.
   */
  static Arbitrary<Double> sigmas(double minLog2, double maxLog2, Double... fixed) {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(minLog2, maxLog2).map(e -> Math.pow(2, e)),
        Arbitraries.integers().between(1, 4000).flatMap(
            m -> Arbitraries.integers().between(0, 8).map(k -> Math.scalb((double) m, -k))),
        Arbitraries.of(fixed));
  }
}
