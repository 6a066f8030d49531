package org.pet.examples.scenarios;

import java.util.List;

/**
 * What a scenario printed: each released number beside the truth and its predicted 95% error bound.
 *
 * @param scenario the scenario's name
 * @param estimates the released numbers, in the order printed
 */
public record ScenarioResult(String scenario, List<Estimate> estimates) {

  /** Copies the list. */
  public ScenarioResult {
    estimates = List.copyOf(estimates);
  }

  /** The fraction of estimates within their 95% bound (1 when there are none). */
  public double fractionWithinBound() {
    return estimates.isEmpty() ? 1
        : estimates.stream().filter(Estimate::withinBound).count() / (double) estimates.size();
  }
}
