package org.pet.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One requested output of a query and the columns it releases.
 *
 * <p>Every released value has its 95% confidence interval beside it: {@code <name>}, {@code <name>_lower}
 * and {@code <name>_upper}; a quantiles output releases that triple per rank, named
 * {@code <name>_p<percent>} ({@code wait_p50}, {@code wait_p90}, {@code wait_p99_9}). Counts are longs,
 * the others doubles.
 *
 * @param kind what is released
 * @param name the output's name, the prefix of its columns
 * @param column the input column aggregated; null for counts
 * @param lower the clamp bound below; NaN for counts
 * @param upper the clamp bound above; NaN for counts
 * @param ranks the quantile ranks, in [0, 1]; empty unless {@code kind} is QUANTILES
 */
record OutputSpec(Kind kind, String name, String column, double lower, double upper, List<Double> ranks)
    implements Serializable {

  /** The pet-core aggregation behind an output. */
  enum Kind {
    /** {@link org.pet.dp.Count}: bounded rows of the group. */
    COUNT,
    /** {@link org.pet.dp.BoundedSum}. */
    SUM,
    /** {@link org.pet.dp.BoundedMean}. */
    MEAN,
    /** {@link org.pet.dp.BoundedQuantiles}: one tree, any number of ranks. */
    QUANTILES
  }

  static final String LOWER_SUFFIX = "_lower";
  static final String UPPER_SUFFIX = "_upper";

  OutputSpec {
    ranks = List.copyOf(ranks);
  }

  static OutputSpec count(String name) {
    return new OutputSpec(Kind.COUNT, Checks.checkName("name", name), null, Double.NaN, Double.NaN, List.of());
  }

  static OutputSpec bounded(Kind kind, String column, double lower, double upper, String name) {
    Checks.checkName("name", name);
    Checks.checkName("column` of `" + name, column);
    Checks.checkBounds(name, lower, upper);
    return new OutputSpec(kind, name, column, lower, upper, List.of());
  }

  static OutputSpec quantiles(String column, double lower, double upper, List<Double> ranks, String name) {
    bounded(Kind.QUANTILES, column, lower, upper, name);
    if (ranks == null || ranks.isEmpty()) {
      throw Checks.invalid("ranks` of `" + name, "a non-empty list", ranks);
    }
    List<String> labels = new ArrayList<>();
    for (Double rank : ranks) {
      if (rank == null || !(rank >= 0 && rank <= 1)) {
        throw Checks.invalid("ranks` of `" + name, "in [0, 1]", rank);
      }
      String label = rankLabel(rank);
      if (labels.contains(label)) {
        throw Checks.invalid("ranks` of `" + name, "distinct", ranks);
      }
      labels.add(label);
    }
    return new OutputSpec(Kind.QUANTILES, name, column, lower, upper, ranks);
  }

  /** "p50" for 0.5, "p99_9" for 0.999, "p0" for 0, "p100" for 1. */
  static String rankLabel(double rank) {
    String percent = BigDecimal.valueOf(rank).movePointRight(2).stripTrailingZeros().toPlainString();
    return "p" + percent.replace('.', '_');
  }

  /** The released value names, in column order: the name, or one name per rank. */
  List<String> valueNames() {
    if (kind != Kind.QUANTILES) {
      return List.of(name);
    }
    List<String> names = new ArrayList<>();
    for (double rank : ranks) {
      names.add(name + "_" + rankLabel(rank));
    }
    return names;
  }

  /** The output's columns: each value followed by its interval's lower and upper bound. */
  List<StructField> fields() {
    DataType type = kind == Kind.COUNT ? DataTypes.LongType : DataTypes.DoubleType;
    List<StructField> fields = new ArrayList<>();
    for (String value : valueNames()) {
      fields.add(DataTypes.createStructField(value, type, true));
      fields.add(DataTypes.createStructField(value + LOWER_SUFFIX, type, true));
      fields.add(DataTypes.createStructField(value + UPPER_SUFFIX, type, true));
    }
    return fields;
  }
}
