package org.pet.examples.scenarios;

import java.util.List;

/**
 * What a scenario printed: each released number beside the truth and its predicted error bound.
 *
 * @param scenario the scenario's name
 * @param estimates the released numbers, in the order printed
 */
public record ScenarioResult(String scenario, List<Estimate> estimates) {

  /** Copies the list. */
  public ScenarioResult {
    estimates = List.copyOf(estimates);
  }

  /** The fraction of estimates within their error bound (1 when there are none). */
  public double fractionWithinBound() {
    return estimates.isEmpty() ? 1
        : estimates.stream().filter(Estimate::withinBound).count() / (double) estimates.size();
  }

  /**
   * One released number.
   *
   * @param label what it is, e.g. {@code claimants in London}
   * @param truth the exact value on the synthetic data (after contribution bounds and clamping)
   * @param released the differentially private value that was released
   * @param errorBound the predicted half-width: |released - truth| is at most this with probability
   *     {@code confidence} (exactly for counts and sums; to first order for means and variances)
   * @param confidence the probability the bound is for, e.g. 0.95
   */
  public record Estimate(String label, double truth, double released, double errorBound, double confidence) {

    /** {@code released - truth}. */
    public double error() {
      return released - truth;
    }

    /** Whether the released value is within its bound of the truth. */
    public boolean withinBound() {
      return Math.abs(error()) <= errorBound;
    }
  }
}
