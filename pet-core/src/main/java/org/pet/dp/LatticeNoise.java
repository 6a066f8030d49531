package org.pet.dp;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The common implementation of the four public mechanisms: integer noise of a {@link NoiseFamily} on a
 * lattice. Mechanisms that snap reals use a fine power-of-two grid for {@code double} inputs; the others
 * accept only integer-valued doubles. {@code long} inputs always get integer noise.
 *
 * <p>Real values are snapped: with g a power of two chosen from the noise scale alone,
 * {@code out = g * (round(x / g) + Z)}. Rounding to the grid moves neighbouring inputs at most one unit
 * further apart, so the lattice sensitivity is {@code floor(lInf / g) + 1} per partition. The integer
 * {@code round(x / g) + Z} is rounded to a double exactly once, so every output is a fixed function of
 * it (post-processing) and lies on a grid independent of x, at any magnitude of x.
 */
abstract class LatticeNoise implements Noise {

  private final NoiseFamily family;
  private final RandomGenerator random;
  private final boolean snapsReals;
  private final LastValueCache<RealParameters, Grid> grids = new LastValueCache<>();
  private final LastValueCache<IntegerParameters, IntegerNoiseSampler> integerSamplers =
      new LastValueCache<>();

  private record RealParameters(int l0, double lInf, double epsilon, Double delta) {}

  private record IntegerParameters(int l0, long lInf, double epsilon, Double delta) {}

  LatticeNoise(NoiseFamily family, RandomGenerator random, boolean snapsReals) {
    this.family = family;
    this.random = Objects.requireNonNull(random, "random");
    this.snapsReals = snapsReals;
  }

  @Override
  public final double addNoise(
      double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    return snapsReals
        ? addSnappedNoise(x, l0Sensitivity, lInfSensitivity, epsilon, delta)
        : addIntegerNoise(x, l0Sensitivity, lInfSensitivity, epsilon, delta);
  }

  @Override
  public final long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta) {
    return saturatedAdd(x, integerSampler(l0Sensitivity, lInfSensitivity, epsilon, delta).sample());
  }

  @Override
  public final ConfidenceInterval computeConfidenceInterval(double noisedX, int l0Sensitivity,
      double lInfSensitivity, double epsilon, Double delta, double alpha) {
    return snapsReals
        ? snappedInterval(noisedX, l0Sensitivity, lInfSensitivity, epsilon, delta, alpha)
        : integerInterval(noisedX, l0Sensitivity, lInfSensitivity, epsilon, delta, alpha);
  }

  @Override
  public final double variance(int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    if (snapsReals) {
      Grid grid = grid(l0Sensitivity, lInfSensitivity, epsilon, delta);
      return grid.sampler().variance() * grid.granularity() * grid.granularity();
    }
    return integerSampler(l0Sensitivity, integerLInf(lInfSensitivity), epsilon, delta).variance();
  }

  /** The configured random source. */
  final RandomGenerator random() {
    return random;
  }

  /** The grid spacing that snapped outputs lie on for these parameters (a power of two). */
  final double granularity(int l0, double lInf, double epsilon, Double delta) {
    return grid(l0, lInf, epsilon, delta).granularity();
  }

  /** A grid spacing and the integer noise calibrated for it. */
  record Grid(double granularity, IntegerNoiseSampler sampler) {}

  Grid grid(int l0, double lInf, double epsilon, Double delta) {
    return grids.get(new RealParameters(l0, lInf, epsilon, delta), this::computeGrid);
  }

  private Grid computeGrid(RealParameters p) {
    int l0 = p.l0();
    double lInf = p.lInf();
    double epsilon = p.epsilon();
    Double delta = p.delta();
    checkPrivacy(l0, epsilon, delta);
    DpChecks.checkLInf(lInf);
    double scale = family.nominalScale(l0, lInf, epsilon, delta);
    double granularity = Math.scalb(1.0, Math.getExponent(scale) - family.gridBits());
    if (!(granularity >= Double.MIN_NORMAL) || Double.isInfinite(lInf / granularity)) {
      throw new IllegalArgumentException("noise scale " + scale + " is outside the supported range");
    }
    double units = Math.floor(lInf / granularity) + 1;
    if (units > DpChecks.MAX_EXACT_INTEGER) {
      throw new IllegalArgumentException(
          "lInfSensitivity is too large relative to the noise scale (epsilon too large), was " + lInf);
    }
    return new Grid(granularity, family.sampler(l0, (long) units, epsilon, delta, random));
  }

  private double addSnappedNoise(double x, int l0, double lInf, double epsilon, Double delta) {
    DpChecks.checkFinite("x", x);
    Grid grid = grid(l0, lInf, epsilon, delta);
    double g = grid.granularity();
    // Beyond 2^52 g every double is already a multiple of g; below, x / g and its rounding are exact.
    double snapped = Math.abs(x) >= 0x1p52 * g ? x : Math.rint(x / g) * g;
    // z * g is exact and IEEE addition rounds the exact lattice point (round(x / g) + z) g once, so the
    // output is a fixed function of that point alone: post-processing of the lattice mechanism.
    return snapped + grid.sampler().sample() * g;
  }

  private ConfidenceInterval snappedInterval(
      double noised, int l0, double lInf, double epsilon, Double delta, double alpha) {
    DpChecks.checkFinite("noisedX", noised);
    DpChecks.checkAlpha(alpha);
    Grid grid = grid(l0, lInf, epsilon, delta);
    double g = grid.granularity();
    // Rounding the input to the grid moved it by at most g / 2.
    double halfWidth = grid.sampler().confidenceHalfWidth(alpha) * g + g / 2;
    return new ConfidenceInterval(noised - halfWidth, noised + halfWidth);
  }

  /** The double path of the integer mechanisms: x and lInf must hold integers. */
  private double addIntegerNoise(double x, int l0, double lInf, double epsilon, Double delta) {
    long integerX = DpChecks.checkInteger("x", x);
    return addNoise(integerX, l0, integerLInf(lInf), epsilon, delta);
  }

  private ConfidenceInterval integerInterval(
      double noised, int l0, double lInf, double epsilon, Double delta, double alpha) {
    DpChecks.checkFinite("noisedX", noised);
    DpChecks.checkAlpha(alpha);
    long halfWidth = integerSampler(l0, integerLInf(lInf), epsilon, delta).confidenceHalfWidth(alpha);
    return new ConfidenceInterval(noised - halfWidth, noised + halfWidth);
  }

  final IntegerNoiseSampler integerSampler(int l0, long lInf, double epsilon, Double delta) {
    checkPrivacy(l0, epsilon, delta);
    DpChecks.checkLInf(lInf);
    return integerSamplers.get(new IntegerParameters(l0, lInf, epsilon, delta),
        p -> family.sampler(l0, lInf, epsilon, delta, random));
  }

  private static long integerLInf(double lInf) {
    DpChecks.checkLInf(lInf);
    return DpChecks.checkInteger("lInfSensitivity", lInf);
  }

  private void checkPrivacy(int l0, double epsilon, Double delta) {
    DpChecks.checkEpsilon(epsilon);
    family.checkDelta(delta);
    DpChecks.checkL0(l0);
  }

  /** a + b, clamped to the long range instead of wrapping. */
  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
