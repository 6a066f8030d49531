package org.pet.dp;

/**
 * The exact sum of entries clamped to [lower, upper], for {@link BoundedSum}: each entry contributes
 * clamp(roundHalfEven(clamp(x, lower, upper) / u), -maxUnits, maxUnits) units ({@link UnitRounding}), with
 * u and maxUnits from max(|lower|, |upper|). The readers fold pending entries first.
 */
final class ClampedSum extends LaneAccumulator {

  private final ExactSum sum;

  ClampedSum(AggregationParameters parameters) {
    this(new ExactSum(
        UnitRounding.clamping(parameters.lower(), parameters.upper(), parameters.maxMagnitude())));
  }

  private ClampedSum(ExactSum sum) {
    super(sum);
    this.sum = sum;
  }

  @Override
  void accumulate(double[] entries, int length, double[][] lanes) {
    double[] lane = lanes[0];
    for (int j = 0; j < length; j++) {
      lane[j] += sum.units(entries[j]);
    }
  }

  long high() {
    flush();
    return sum.high();
  }

  long low() {
    flush();
    return sum.low();
  }

  /** The sum as a double, a fixed function of the exact sum ({@link ExactSum#value()}). */
  double value() {
    flush();
    return sum.value();
  }

  /** Adds another exact sum's state (same parameters). */
  void merge(long otherHigh, long otherLow) {
    sum.merge(otherHigh, otherLow);
  }
}
