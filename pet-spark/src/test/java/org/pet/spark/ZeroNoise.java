package org.pet.spark;

import org.pet.dp.ConfidenceInterval;
import org.pet.dp.MechanismType;
import org.pet.dp.Noise;

/**
 * Adds nothing: with it a release shows the bounded, un-noised aggregates, so tests can compare them
 * exactly. Reports itself as Laplace (pure), so budget splits are those of the default noise.
 */
final class ZeroNoise implements Noise {

  static final NoiseSource SOURCE = ZeroNoise::new;

  @Override
  public double addNoise(double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    return x;
  }

  @Override
  public long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta) {
    return x;
  }

  @Override
  public ConfidenceInterval computeConfidenceInterval(double noisedX, int l0Sensitivity, double lInfSensitivity,
      double epsilon, Double delta, double alpha) {
    return new ConfidenceInterval(noisedX, noisedX);
  }

  @Override
  public double variance(int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    return 0;
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.LAPLACE;
  }
}
