package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.DoubleFunction;

/**
 * A dataset's privacy budget as {@code GET /v1/datasets/{id}/budget} reports it.
 *
 * @param epsilon the total epsilon
 * @param delta the total delta
 * @param spentEpsilon the epsilon charged so far
 * @param spentDelta the delta charged so far
 * @param remainingEpsilon what is left of epsilon
 * @param remainingDelta what is left of delta
 */
public record DatasetBudget(double epsilon, double delta, double spentEpsilon, double spentDelta,
    double remainingEpsilon, double remainingDelta) {

  /** Reads the server's budget JSON. */
  public static DatasetBudget fromJson(JsonNode json) {
    return new DatasetBudget(json.path("epsilon").asDouble(), json.path("delta").asDouble(),
        json.path("spentEpsilon").asDouble(), json.path("spentDelta").asDouble(),
        json.path("remainingEpsilon").asDouble(), json.path("remainingDelta").asDouble());
  }

  /** One line: {@code spent epsilon 0.75 of 2.0, delta 0.0 of 0.0; remaining epsilon 1.25, delta 0.0}. */
  public String describe() {
    return describe(Double::toString);
  }

  /** As {@link #describe()}, each figure printed by {@code number} (to round sums of charges, say). */
  public String describe(DoubleFunction<String> number) {
    return "spent epsilon " + number.apply(spentEpsilon) + " of " + number.apply(epsilon) + ", delta "
        + number.apply(spentDelta) + " of " + number.apply(delta) + "; remaining epsilon "
        + number.apply(remainingEpsilon) + ", delta " + number.apply(remainingDelta);
  }
}
