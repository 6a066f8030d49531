package org.pet.dp;

import java.util.random.RandomGenerator;

/** How each noise family validates its delta, sizes its grid and calibrates integer noise. */
enum NoiseFamily {
  LAPLACE(20, 40) {
    @Override
    void checkDelta(Double delta) {
      DpChecks.checkNoDelta(delta, "Laplace noise");
    }

    @Override
    double nominalScale(int l0, double lInf, double epsilon, Double delta) {
      return l0 * lInf / epsilon;
    }

    @Override
    IntegerNoiseSampler sampler(int l0, long lInfUnits, double epsilon, Double delta, RandomGenerator random) {
      if (lInfUnits > (1L << 53) / l0) {
        throw new IllegalArgumentException("L1 sensitivity l0 * lInf in noise units must be <= 2^53, was "
            + l0 + " * " + lInfUnits + "; rescale the data");
      }
      long l1 = l0 * lInfUnits;
      return DiscreteLaplaceSampler.forEpsilon(l1, epsilon, random);
    }
  },

  GAUSSIAN(11, 23) {
    @Override
    void checkDelta(Double delta) {
      DpChecks.checkDelta(delta);
    }

    @Override
    double nominalScale(int l0, double lInf, double epsilon, Double delta) {
      return GaussianCalibration.analyticSigma(Math.sqrt(l0) * lInf, epsilon, delta);
    }

    @Override
    IntegerNoiseSampler sampler(int l0, long lInfUnits, double epsilon, Double delta, RandomGenerator random) {
      // sqrt rounds; two steps up keep the L2 sensitivity an upper bound (exact for one partition).
      double l2 = l0 == 1 ? lInfUnits : Math.nextUp(Math.nextUp(Math.sqrt(l0)) * lInfUnits);
      return DiscreteGaussianSampler.forPrivacy(l2, l0, epsilon, delta, random);
    }
  };

  private final int gridBits;
  private final int maxGridBits;

  NoiseFamily(int gridBits, int maxGridBits) {
    this.gridBits = gridBits;
    this.maxGridBits = maxGridBits;
  }

  /** log2 of (noise scale / grid spacing) at least, for the snapped real-valued path. */
  int gridBits() {
    return gridBits;
  }

  /**
   * log2 of (noise scale / grid spacing) at most: the finest grid whose integer noise the exact samplers
   * still draw at full speed (any scale for the discrete Laplace; sigma within the discrete Gaussian's
   * fixed-point acceptance range, {@link GaussianAcceptance#MAX_FIXED_POINT_SIGMA}).
   */
  int maxGridBits() {
    return maxGridBits;
  }

  abstract void checkDelta(Double delta);

  /** The noise scale (Laplace b or Gaussian sigma) for real-valued sensitivities, used to pick the grid. */
  abstract double nominalScale(int l0, double lInf, double epsilon, Double delta);

  /** Integer noise for a query whose per-partition sensitivity is {@code lInfUnits} lattice units. */
  abstract IntegerNoiseSampler sampler(
      int l0, long lInfUnits, double epsilon, Double delta, RandomGenerator random);
}
