package org.pet.dp;

/**
 * An additive noise mechanism for differentially private release of a numeric value.
 *
 * <p><b>Neighbouring relation and sensitivity.</b> Two datasets are neighbours when they differ in the
 * records of one privacy unit (a person, a household). The caller states how much one unit can change the
 * released values: {@code l0Sensitivity} is the maximum number of partitions (released values) one unit
 * contributes to, and {@code lInfSensitivity} the maximum change one unit causes in any single partition.
 * The guarantee (epsilon, or epsilon and delta) then holds for the joint release of all partitions that
 * are noised with the same parameters; L1 = L0 * Linf and L2 = sqrt(L0) * Linf.
 *
 * <p><b>Floating-point safety.</b> No implementation adds a textbook floating-point sample to the input:
 * outputs always lie on a grid (the integers, or a power-of-two multiple chosen from the noise scale)
 * that does not depend on the input, and integer noise is drawn by exact samplers, so the low-order bits
 * of an output reveal nothing (Mironov, CCS 2012).
 *
 * <p>Implementations are thread-safe.
 */
public interface Noise {

  /**
   * Returns {@code x} plus noise calibrated to the sensitivities and privacy parameters.
   *
   * @param x the value to protect; must be finite
   * @param l0Sensitivity maximum number of partitions one privacy unit affects, {@code >= 1}
   * @param lInfSensitivity maximum change one privacy unit causes in one partition, finite and {@code > 0}
   * @param epsilon privacy parameter, finite and {@code > 0}
   * @param delta privacy parameter; {@code null} or 0 for pure-DP mechanisms, in (0, 1) otherwise
   * @return the noised value, on a grid that does not depend on {@code x}
   * @throws IllegalArgumentException if a parameter is out of range
   */
  double addNoise(double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta);

  /**
   * Returns {@code x} plus integer noise calibrated to the sensitivities and privacy parameters. The sum
   * saturates at {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE} (a post-processing, so still private).
   *
   * @param x the value to protect
   * @param l0Sensitivity maximum number of partitions one privacy unit affects, {@code >= 1}
   * @param lInfSensitivity maximum change one privacy unit causes in one partition, {@code >= 1}
   * @param epsilon privacy parameter, finite and {@code > 0}
   * @param delta privacy parameter; {@code null} or 0 for pure-DP mechanisms, in (0, 1) otherwise
   * @return the noised value
   * @throws IllegalArgumentException if a parameter is out of range
   */
  long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta);

  /**
   * Returns an interval that contains the un-noised value with probability at least {@code 1 - alpha},
   * computed exactly from the noise distribution used by {@link #addNoise(double, int, double, double,
   * Double)} with the same parameters (the shortest symmetric such interval on that grid).
   *
   * @param noisedX a value returned by {@code addNoise} with the same parameters
   * @param alpha the allowed miss probability, in (0, 1)
   * @throws IllegalArgumentException if a parameter is out of range
   */
  ConfidenceInterval computeConfidenceInterval(
      double noisedX, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta, double alpha);

  /**
   * Returns the exact variance of the noise that {@link #addNoise(double, int, double, double, Double)}
   * adds with these parameters (including the grid's discreteness), for predicting utility before
   * running a query.
   *
   * @throws IllegalArgumentException if a parameter is out of range
   */
  double variance(int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta);

  /** Returns the distribution this mechanism draws from. */
  MechanismType getMechanismType();

  /** Whether this mechanism gives pure epsilon-DP (delta must be 0) rather than (epsilon, delta)-DP. */
  default boolean isPure() {
    MechanismType type = getMechanismType();
    return type == MechanismType.LAPLACE || type == MechanismType.DISCRETE_LAPLACE;
  }
}
