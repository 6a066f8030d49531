package org.pet.server.query;

import static org.pet.server.http.JsonFields.number;
import static org.pet.server.http.JsonFields.requiredArray;
import static org.pet.server.http.JsonFields.requiredText;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedQuantiles;
import org.pet.dp.BoundedSum;
import org.pet.dp.BoundedVariance;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.Count;
import org.pet.dp.DpHistogram;
import org.pet.random.Randomness;
import org.pet.server.http.HttpProblem;

/**
 * One validated DP query against a dataset: count, sum, mean, variance, quantile or histogram (group-by
 * with partition selection, or a public list of keys). All DP logic is pet-core's; this class only maps
 * the request onto its aggregations. Scalar aggregations keep at most {@code maxContributionsPerPartition}
 * rows per privacy unit, chosen uniformly at random; the histogram bounds contributions itself.
 */
public final class DpQuery {

  public enum Type { COUNT, SUM, MEAN, VARIANCE, QUANTILE, HISTOGRAM }

  private final Type type;
  private final JsonObject request;
  private final double epsilon;
  private final double delta;
  private final int maxContributions;

  private DpQuery(Type type, JsonObject request, double epsilon, double delta, int maxContributions) {
    this.type = type;
    this.request = request;
    this.epsilon = epsilon;
    this.delta = delta;
    this.maxContributions = maxContributions;
  }

  /**
   * Validates a request body.
   *
   * @throws HttpProblem 400 naming the offending field
   */
  public static DpQuery parse(JsonObject body) {
    Type type;
    try {
      type = Type.valueOf(requiredText(body, "type").toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`type` must be one of count, sum, mean, variance, quantile, histogram");
    }
    double epsilon = number(body, "epsilon", Double.NaN);
    double delta = number(body, "delta", 0);
    Budget.check("epsilon", epsilon, "delta", delta);
    double contributions = number(body, "maxContributionsPerPartition", 1);
    if (!(contributions >= 1 && contributions <= 1_000_000) || contributions != Math.rint(contributions)) {
      throw HttpProblem.badRequest("`maxContributionsPerPartition` must be an integer in [1, 10^6]");
    }
    DpQuery query = new DpQuery(type, body.copy(), epsilon, delta, (int) contributions);
    query.validateShape();
    return query;
  }

  public Type type() {
    return type;
  }

  public double epsilon() {
    return epsilon;
  }

  public double delta() {
    return delta;
  }

  /** The most rows one privacy unit contributes (per group, for a histogram). */
  public int maxContributionsPerPartition() {
    return maxContributions;
  }

  /**
   * Whether the query spends delta: only a histogram that selects its partitions from the data (no public
   * keys) does; every other query adds Laplace noise, which is pure epsilon-DP.
   */
  boolean usesDelta() {
    return type == Type.HISTOGRAM && request.getValue("keys") == null;
  }

  /** The budget this query charges. */
  public Budget charge() {
    return Budget.charge(epsilon, delta);
  }

  public JsonObject request() {
    return request.copy();
  }

  private void validateShape() {
    if (type != Type.COUNT && type != Type.HISTOGRAM) {
      requiredText(request, "column");
      if (Double.isNaN(number(request, "lower", Double.NaN)) || Double.isNaN(number(request, "upper", Double.NaN))) {
        throw HttpProblem.badRequest("`lower` and `upper` are required for " + type.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (type == Type.QUANTILE) {
      double rank = number(request, "rank", Double.NaN);
      if (!(rank >= 0 && rank <= 1)) {
        throw HttpProblem.badRequest("`rank` must be in [0, 1], was " + request.getValue("rank"));
      }
    }
    if (type == Type.HISTOGRAM) {
      requiredText(request, "groupBy");
      if (request.getValue("keys") != null) {
        requiredArray(request, "keys");
      }
    }
    if (delta > 0 && !usesDelta()) {
      throw new HttpProblem(422, "Unprocessable Content", "`delta` is not used by a "
          + type.name().toLowerCase(java.util.Locale.ROOT) + (type == Type.HISTOGRAM ? " with public `keys`" : "")
          + " (Laplace noise is pure epsilon-DP): it would be charged for nothing; omit it or send 0");
    }
  }

  /**
   * Runs the query on the dataset with fresh secure noise. Builders validate the DP parameters before any
   * data is touched, so an invalid combination (say lower >= upper, or delta with Laplace noise) fails with
   * IllegalArgumentException (422) and nothing is charged.
   */
  public Runnable prepare(Dataset dataset, JsonObject answer) {
    int column = type == Type.COUNT || type == Type.HISTOGRAM ? -1
        : dataset.numericColumn("column", request.getString("column"));
    switch (type) {
      case COUNT -> {
        Count count = Count.builder().epsilon(epsilon).maxContributionsPerPartition(maxContributions).build();
        return () -> {
          count.incrementBy(boundedRows(dataset).size());
          answer.put("value", count.computeResult());
          put(answer, count.computeConfidenceInterval(0.05));
        };
      }
      case SUM -> {
        BoundedSum sum = BoundedSum.builder().epsilon(epsilon).maxContributionsPerPartition(maxContributions)
            .lower(request.getDouble("lower")).upper(request.getDouble("upper")).build();
        return () -> {
          feed(dataset, column, sum::addEntry);
          answer.put("value", sum.computeResult());
          put(answer, sum.computeConfidenceInterval(0.05));
        };
      }
      case MEAN -> {
        BoundedMean mean = BoundedMean.builder().epsilon(epsilon).maxContributionsPerPartition(maxContributions)
            .lower(request.getDouble("lower")).upper(request.getDouble("upper")).build();
        return () -> {
          feed(dataset, column, mean::addEntry);
          answer.put("value", mean.computeResult());
        };
      }
      case VARIANCE -> {
        BoundedVariance variance = BoundedVariance.builder().epsilon(epsilon)
            .maxContributionsPerPartition(maxContributions).lower(request.getDouble("lower"))
            .upper(request.getDouble("upper")).build();
        return () -> {
          feed(dataset, column, variance::addEntry);
          answer.put("value", variance.computeResult());
        };
      }
      case QUANTILE -> {
        BoundedQuantiles quantiles = BoundedQuantiles.builder().epsilon(epsilon)
            .maxContributionsPerPartition(maxContributions).lower(request.getDouble("lower"))
            .upper(request.getDouble("upper")).build();
        return () -> {
          feed(dataset, column, quantiles::addEntry);
          answer.put("value", quantiles.computeResult(request.getDouble("rank")));
        };
      }
      default -> {
        return histogram(dataset, answer);
      }
    }
  }

  private Runnable histogram(Dataset dataset, JsonObject answer) {
    int keyColumn = dataset.column("groupBy", request.getString("groupBy"));
    DpHistogram.Builder<String> builder = DpHistogram.<String>builder().epsilon(epsilon).delta(delta)
        .maxContributionsPerPartition(maxContributions)
        .maxPartitionsContributed((int) number(request, "maxPartitionsContributed", 1));
    JsonArray keys = request.getJsonArray("keys");
    if (keys != null) {
      List<String> publicKeys = new ArrayList<>();
      keys.forEach(key -> publicKeys.add(String.valueOf(key)));
      builder.publicKeys(publicKeys);
    }
    DpHistogram<String> histogram = builder.build();
    int unit = dataset.unitIndex();
    return () -> {
      for (String[] row : dataset.rows()) {
        histogram.addEntry(row[unit], row[keyColumn], 0);
      }
      JsonObject groups = new JsonObject();
      histogram.computeCounts().forEach(groups::put);
      answer.put("groups", groups);
    };
  }

  /** Rows kept after bounding each privacy unit to maxContributions rows, chosen uniformly at random. */
  private List<String[]> boundedRows(Dataset dataset) {
    Map<String, List<String[]>> byUnit = new LinkedHashMap<>();
    int unit = dataset.unitIndex();
    for (String[] row : dataset.rows()) {
      byUnit.computeIfAbsent(row[unit], k -> new ArrayList<>()).add(row);
    }
    List<String[]> kept = new ArrayList<>();
    for (List<String[]> rows : byUnit.values()) {
      if (rows.size() > maxContributions) {
        Collections.shuffle(rows, Randomness.secureRandom());
      }
      kept.addAll(rows.subList(0, Math.min(maxContributions, rows.size())));
    }
    return kept;
  }

  private void feed(Dataset dataset, int column, DoubleConsumer aggregation) {
    for (String[] row : boundedRows(dataset)) {
      double value = Dataset.number(row[column]);
      if (!Double.isNaN(value)) {
        aggregation.accept(value); // a blank cell contributes nothing
      }
    }
  }

  private static void put(JsonObject answer, ConfidenceInterval interval) {
    answer.put("confidenceInterval95", new JsonArray().add(interval.lowerBound()).add(interval.upperBound()));
  }
}
