package org.pet.examples.scenarios;

/** Helpers for generating the scenarios' synthetic data. */
final class Synthetic {

  private Synthetic() {}

  /** The category a uniform draw {@code u} in [0, 1) falls into, given the categories' weights (summing to 1). */
  static int pick(double[] weights, double u) {
    double cumulative = 0;
    for (int i = 0; i < weights.length - 1; i++) {
      cumulative += weights[i];
      if (u < cumulative) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
