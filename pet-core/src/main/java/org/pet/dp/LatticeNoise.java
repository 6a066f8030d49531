package org.pet.dp;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The common implementation of the four public mechanisms: integer noise of a {@link NoiseFamily} on a
 * lattice. Mechanisms that snap reals use a fine power-of-two grid for {@code double} inputs; the others
 * accept only integer-valued doubles. {@code long} inputs always get integer noise.
 *
 * <p>Real values are snapped: with g a power of two chosen from the parameters alone,
 * {@code out = g * (round(x / g) + Z)}. Rounding to the grid moves neighbouring inputs at most one unit
 * further apart, so the lattice sensitivity is {@code floor(lInf / g) + 1} per partition, and the noise is
 * calibrated to it. g is therefore chosen fine relative to both the noise scale (at least
 * 2^{@link NoiseFamily#gridBits()} grid steps per scale unit) and lInf (at least 2^{@value #SENSITIVITY_BITS}
 * steps per lInf), so the extra unit costs at most 2^-{@value #SENSITIVITY_BITS} (about 0.1%) of the
 * noise's standard deviation - unless that would need more than 2^{@link NoiseFamily#maxGridBits()} steps
 * per scale unit, where the samplers slow down (with Gaussian noise, only when sigma exceeds 2^13 lInf,
 * e.g. beyond L0 = 100 at epsilon 0.001 and delta 1e-5; the extra unit then costs at most
 * sigma / (2^maxGridBits lInf) of the noise, 0.6% at L0 = 1000 there). The integer {@code round(x / g) + Z} is rounded to a double exactly
 * once, so every output is a fixed function of it (post-processing) and lies on a grid independent of x,
 * at any magnitude of x; a sum beyond the double range saturates at +-{@link Double#MAX_VALUE} (itself
 * on every grid), never infinity.
 */
abstract class LatticeNoise implements Noise {

  /** log2 of the least number of grid steps per lInf (unless capped by the family's finest grid). */
  static final int SENSITIVITY_BITS = 10;
  /**
   * Noise scales (Laplace b, Gaussian sigma) from here on are refused: g times any sample a long can hold
   * then stays far from the double range, so the noise itself is always finite.
   */
  static final double MAX_SCALE = 0x1p960;

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
    checkScale(l0 * lInf / epsilon, p);
    double scale = checkScale(family.nominalScale(l0, lInf, epsilon, delta), p);
    int scaleExponent = Math.getExponent(scale);
    int exponent = Math.max(scaleExponent - family.maxGridBits(),
        Math.min(scaleExponent - family.gridBits(), Math.getExponent(lInf) - SENSITIVITY_BITS));
    double granularity = Math.scalb(1.0, exponent);
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

  /** @throws IllegalArgumentException unless {@code scale < MAX_SCALE} */
  private static double checkScale(double scale, RealParameters p) {
    if (!(scale < MAX_SCALE)) {
      throw new IllegalArgumentException("the noise scale for l0Sensitivity " + p.l0() + ", lInfSensitivity "
          + p.lInf() + " and epsilon " + p.epsilon() + " must be below 2^960 so that noised values stay"
          + " finite, was " + scale + "; rescale the data");
    }
    return scale;
  }

  private double addSnappedNoise(double x, int l0, double lInf, double epsilon, Double delta) {
    DpChecks.checkFinite("x", x);
    Grid grid = grid(l0, lInf, epsilon, delta);
    double g = grid.granularity();
    // Beyond 2^52 g every double is already a multiple of g; below, x / g and its rounding are exact.
    double snapped = Math.abs(x) >= 0x1p52 * g ? x : Math.rint(x / g) * g;
    // z * g is exact and IEEE addition rounds the exact lattice point (round(x / g) + z) g once, so the
    // output is a fixed function of that point alone: post-processing of the lattice mechanism. So is
    // saturating a sum beyond the double range at +-MAX_VALUE, a multiple of every grid spacing used.
    double out = snapped + grid.sampler().sample() * g;
    return Double.isInfinite(out) ? Math.copySign(Double.MAX_VALUE, out) : out;
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
