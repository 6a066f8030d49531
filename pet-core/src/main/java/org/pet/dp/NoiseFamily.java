package org.pet.dp;

import java.util.random.RandomGenerator;

/** How each noise family validates its delta, sizes its grid and calibrates integer noise. */
enum NoiseFamily {
  LAPLACE(20) {
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
      long l1 = Math.multiplyExact(l0, lInfUnits);
      if (l1 > DpChecks.MAX_EXACT_INTEGER) {
        throw new IllegalArgumentException(
            "L1 sensitivity l0 * lInf in noise units must be <= 2^53, was " + l1 + "; rescale the data");
      }
      return DiscreteLaplaceSampler.forEpsilon(l1, epsilon, random);
    }
  },

  GAUSSIAN(11) {
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

  NoiseFamily(int gridBits) {
    this.gridBits = gridBits;
  }

  /** log2 of (noise scale / grid spacing) for the snapped real-valued path. */
  int gridBits() {
    return gridBits;
  }

  abstract void checkDelta(Double delta);

  /** The noise scale (Laplace b or Gaussian sigma) for real-valued sensitivities, used to pick the grid. */
  abstract double nominalScale(int l0, double lInf, double epsilon, Double delta);

  /** Integer noise for a query whose per-partition sensitivity is {@code lInfUnits} lattice units. */
  abstract IntegerNoiseSampler sampler(
      int l0, long lInfUnits, double epsilon, Double delta, RandomGenerator random);
}
