package org.pet.examples.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /v1/datasets/{id}/queries}: one DP query, as the server's {@code DpQuery.parse}
 * reads it. The server validates it again; this record only assembles the JSON.
 *
 * @param type the aggregation
 * @param epsilon the budget the query spends, finite and {@code > 0}
 * @param delta the delta it spends, in [0, 1) ({@code > 0} for a histogram without {@code keys})
 * @param column the value column (not for count and histogram), else null
 * @param lower the clamp lower bound (with {@code column}), else null
 * @param upper the clamp upper bound (with {@code column}), else null
 * @param rank the quantile's rank in [0, 1] (quantile only), else null
 * @param groupBy the histogram's group column (histogram only), else null
 * @param keys the histogram's public keys, or null to select groups privately
 * @param maxContributionsPerPartition the most rows one privacy unit contributes (per group), {@code >= 1}
 * @param maxPartitionsContributed the most groups one unit contributes to (histogram only), {@code >= 1}
 */
public record DpQueryRequest(Type type, double epsilon, double delta, String column, Double lower, Double upper,
    Double rank, String groupBy, List<String> keys, int maxContributionsPerPartition, int maxPartitionsContributed) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The aggregations the server answers. */
  public enum Type {
    COUNT, SUM, MEAN, VARIANCE, QUANTILE, HISTOGRAM;

    /** The name in the request, e.g. {@code count}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the query reads a value column with clamp bounds (sum, mean, variance, quantile). */
    public boolean bounded() {
      return this != COUNT && this != HISTOGRAM;
    }
  }

  /** Copies the keys. */
  public DpQueryRequest {
    keys = keys == null ? null : List.copyOf(keys);
  }

  /** A count of rows, at most one per privacy unit. */
  public static DpQueryRequest count(double epsilon) {
    return new DpQueryRequest(Type.COUNT, epsilon, 0, null, null, null, null, null, null, 1, 1);
  }

  /** A sum, mean or variance of {@code column} clamped to [lower, upper], one row per privacy unit. */
  public static DpQueryRequest bounded(Type type, String column, double lower, double upper, double epsilon) {
    if (!type.bounded() || type == Type.QUANTILE) {
      throw new IllegalArgumentException("`type` must be sum, mean or variance, was " + type);
    }
    return new DpQueryRequest(type, epsilon, 0, column, lower, upper, null, null, null, 1, 1);
  }

  /** The {@code rank} quantile of {@code column} clamped to [lower, upper]. */
  public static DpQueryRequest quantile(String column, double lower, double upper, double rank, double epsilon) {
    return new DpQueryRequest(Type.QUANTILE, epsilon, 0, column, lower, upper, rank, null, null, 1, 1);
  }

  /** Counts per value of {@code groupBy}: for the public {@code keys}, or selected privately if null. */
  public static DpQueryRequest histogram(String groupBy, List<String> keys, double epsilon, double delta) {
    return new DpQueryRequest(Type.HISTOGRAM, epsilon, delta, null, null, null, null, groupBy, keys, 1, 1);
  }

  /** The request body. */
  public ObjectNode toJson() {
    ObjectNode body = JSON.createObjectNode().put("type", type.wireName()).put("epsilon", epsilon).put("delta", delta);
    if (column != null) {
      body.put("column", column).put("lower", lower).put("upper", upper);
    }
    if (rank != null) {
      body.put("rank", rank);
    }
    if (groupBy != null) {
      body.put("groupBy", groupBy).put("maxPartitionsContributed", maxPartitionsContributed);
    }
    if (keys != null) {
      keys.forEach(body.putArray("keys")::add);
    }
    return body.put("maxContributionsPerPartition", maxContributionsPerPartition);
  }
}
