package org.pet.dp;

import java.util.ArrayList;
import java.util.List;

/** Adds no noise and records every value it is asked to noise: the released pre-noise values. */
final class RecordingNoise implements Noise {

  private final List<Double> values = new ArrayList<>();

  @Override
  public double addNoise(double x, int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    values.add(x);
    return x;
  }

  @Override
  public long addNoise(long x, int l0Sensitivity, long lInfSensitivity, double epsilon, Double delta) {
    values.add((double) x);
    return x;
  }

  @Override
  public ConfidenceInterval computeConfidenceInterval(double noisedX, int l0Sensitivity, double lInfSensitivity,
      double epsilon, Double delta, double alpha) {
    throw new UnsupportedOperationException("no noise, no interval");
  }

  @Override
  public double variance(int l0Sensitivity, double lInfSensitivity, double epsilon, Double delta) {
    return 0;
  }

  @Override
  public MechanismType getMechanismType() {
    return MechanismType.LAPLACE;
  }

  /** The values noised so far, in order. */
  List<Double> values() {
    return List.copyOf(values);
  }
}
