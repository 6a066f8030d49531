package org.pet.examples.scenarios;

/**
 * One released number beside the truth it estimates.
 *
 * @param label what it counts, e.g. "North 5-9"
 * @param truth the exact value (known to the scenario only because the data is synthetic)
 * @param released the value the scenario released
 * @param bound95 the predicted 95% error bound: |released - truth| <= bound95 with probability >= 0.95
 */
public record Estimate(String label, double truth, double released, double bound95) {

  public double error() {
    return released - truth;
  }

  public boolean withinBound() {
    return Math.abs(error()) <= bound95;
  }
}
