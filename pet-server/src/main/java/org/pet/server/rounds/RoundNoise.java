package org.pet.server.rounds;

import static org.pet.server.http.JsonFields.number;
import static org.pet.server.http.JsonFields.requiredText;

import io.vertx.core.json.JsonObject;
import org.pet.secagg.DistributedNoise;
import org.pet.server.http.HttpProblem;

/**
 * The optional {@code noise} object of a round: which distributed DP mechanism every agency adds before
 * masking, its target guarantee, the sensitivity in integer (fixed-point) units, and the number of honest
 * survivors it is calibrated for. The JSON is stored with the round and sent to agencies so both sides
 * build the same {@link DistributedNoise}.
 *
 * <pre>{"mechanism": "discrete-gaussian" | "discrete-laplace", "epsilon": e, "delta": d (Gaussian only),
 *  "sensitivity": L2 (Gaussian) or L1 (Laplace), "minimumSurvivors": m (default and at most: t - c, the
 *  threshold less the colluders the round tolerates, whose noise shares the server may know; in a SecAgg+
 *  round t - b, {@link org.pet.secagg.SecAggParameters#protectedSurvivors()})}</pre>
 */
final class RoundNoise {

  static final String GAUSSIAN = "discrete-gaussian";
  static final String LAPLACE = "discrete-laplace";

  private RoundNoise() {}

  /**
   * Validates a request's {@code noise} object and returns its normalised JSON (defaults filled in).
   *
   * @throws HttpProblem 400 naming the offending field
   */
  static JsonObject normalise(JsonObject noise, int honestSurvivors, int vectorLength) {
    String mechanism = requiredText(noise, "mechanism");
    if (!mechanism.equals(GAUSSIAN) && !mechanism.equals(LAPLACE)) {
      throw HttpProblem.badRequest("`noise.mechanism` must be " + GAUSSIAN + " or " + LAPLACE + ", was " + mechanism);
    }
    double epsilon = number(noise, "epsilon", Double.NaN);
    double delta = number(noise, "delta", mechanism.equals(GAUSSIAN) ? Double.NaN : 0);
    double sensitivity = number(noise, "sensitivity", Double.NaN);
    double survivors = number(noise, "minimumSurvivors", honestSurvivors);
    if (survivors != Math.rint(survivors) || survivors < 1 || survivors > honestSurvivors) {
      throw HttpProblem.badRequest("`noise.minimumSurvivors` must be an integer in [1, " + honestSurvivors
          + "] (the threshold less the colluders one agency's neighbours may include: toleratedColluders for the "
          + "complete graph), was " + noise.getValue("minimumSurvivors"));
    }
    if (mechanism.equals(LAPLACE) && delta != 0) {
      throw HttpProblem.badRequest("`noise.delta` must be 0 or absent for " + LAPLACE + " (pure epsilon-DP)");
    }
    JsonObject normalised = new JsonObject().put("mechanism", mechanism).put("epsilon", epsilon).put("delta", delta)
        .put("sensitivity", sensitivity).put("minimumSurvivors", (int) survivors);
    try {
      build(normalised, vectorLength);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`noise`: " + e.getMessage());
    }
    return normalised;
  }

  /** Builds the mechanism from normalised JSON. */
  static DistributedNoise build(JsonObject noise, int vectorLength) {
    double epsilon = noise.getDouble("epsilon");
    double sensitivity = noise.getDouble("sensitivity");
    int survivors = noise.getInteger("minimumSurvivors");
    return noise.getString("mechanism").equals(GAUSSIAN)
        ? DistributedNoise.discreteGaussian(epsilon, noise.getDouble("delta"), sensitivity, vectorLength, survivors)
        : DistributedNoise.discreteLaplace(epsilon, sensitivity, vectorLength, survivors);
  }
}
