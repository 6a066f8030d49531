package org.pet.dp;

import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** The Mironov attack test: outputs for neighbouring inputs must all lie on one input-independent grid. */
final class GridCheck {

  private GridCheck() {}

  /**
   * Runs the mechanism 20,000 times on each of the neighbours 0.1 and 1.1 and returns the outputs that
   * are not integer multiples of {@code g} (an output reachable from one input only would be one).
   */
  static Set<Double> offGridOutputs(DoubleUnaryOperator mechanism, double g) {
    Set<Double> offGrid = new HashSet<>();
    for (double x : new double[] {0.1, 1.1}) {
      for (int i = 0; i < 20_000; i++) {
        double out = mechanism.applyAsDouble(x);
        if (out / g != Math.rint(out / g)) {
          offGrid.add(out);
        }
      }
    }
    return offGrid;
  }
}
