package org.pet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Contribution bounding on Spark, without collecting rows: per privacy unit at most L0 of its distinct
 * groups, chosen uniformly at random, and per kept (unit, group) at most Linf of its rows, chosen uniformly
 * at random - the sampling of {@link org.pet.dp.DpHistogram}.
 *
 * <ol>
 *   <li>Rows are hash-partitioned by unit (one shuffle), so each unit's rows meet in one task.</li>
 *   <li>Each partition is sorted by (unit, h1, values), where (h1, h2) are hashes of (unit, group) beside
 *       each row - Spark's external sort, which spills, so no unit needs to fit in memory.</li>
 *   <li>One pass over the sorted rows samples each unit ({@link UnitSampler}); a release aggregates the
 *       kept rows in the same pass ({@link PartialAggregation}), so they are never materialized.</li>
 * </ol>
 *
 * <p>Input columns: {@code _u} (never null), {@code _g0..}, {@code _v0..} (doubles). {@link #bound} returns
 * the bounded rows themselves, for inspection: {@code _g0..}, {@code _v0..} and {@code _first}, true for
 * exactly one row of each kept (unit, group).
 */
final class ContributionBounding {

  static final String UNIT = "_u";
  static final String FIRST = "_first";

  private ContributionBounding() {}

  static String group(int i) {
    return "_g" + i;
  }

  static String value(int i) {
    return "_v" + i;
  }

  static Column[] columns(List<String> names) {
    return names.stream().map(name -> col(name)).toArray(Column[]::new);
  }

  static List<String> names(int count, IntFunction<String> name) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(name.apply(i));
    }
    return names;
  }

  /**
   * The rows hash-partitioned by unit and sorted within partitions by (unit, h1, values), as
   * {@link UnitSampler} reads them: {@code [_u, _g0.., _v0.., _h1, _h2]}.
   */
  static Dataset<Row> sorted(Dataset<Row> rows, int groupCount, int valueCount) {
    List<String> unitAndGroup = new ArrayList<>(List.of(UNIT));
    unitAndGroup.addAll(names(groupCount, ContributionBounding::group));
    List<String> order = new ArrayList<>(List.of(UNIT, "_h1"));
    order.addAll(names(valueCount, ContributionBounding::value));
    return rows.repartition(col(UNIT))
        .withColumn("_h1", xxhash64(columns(unitAndGroup)))
        .withColumn("_h2", hash(columns(unitAndGroup)))
        .sortWithinPartitions(columns(order));
  }

  /** The bounded rows (see the class documentation); a release aggregates them without this step. */
  static Dataset<Row> bound(Dataset<Row> rows, int groupCount, int valueCount, int maxGroups,
      int maxContributions, SamplingPrf prf) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < groupCount; i++) {
      fields.add(rows.schema().apply(group(i)));
    }
    for (int i = 0; i < valueCount; i++) {
      fields.add(DataTypes.createStructField(value(i), DataTypes.DoubleType, true));
    }
    fields.add(DataTypes.createStructField(FIRST, DataTypes.BooleanType, false));
    return sorted(rows, groupCount, valueCount).mapPartitions(
        new BoundedRows(groupCount, valueCount, maxGroups, maxContributions, prf),
        Encoders.row(DataTypes.createStructType(fields)));
  }

  /** Emits every kept row, its values as the sampler gives them (NaN for missing). */
  private static final class BoundedRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int groups;
    private final int values;
    private final int maxGroups;
    private final int maxContributions;
    private final SamplingPrf prf;

    BoundedRows(int groups, int values, int maxGroups, int maxContributions, SamplingPrf prf) {
      this.groups = groups;
      this.values = values;
      this.maxGroups = maxGroups;
      this.maxContributions = maxContributions;
      this.prf = prf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new PartitionPass(rows, output -> new UnitSampler(groups, values, maxGroups, maxContributions, prf,
          (group, kept, count) -> {
            for (int row = 0; row < count; row++) {
              Object[] extra = new Object[values + 1];
              for (int i = 0; i < values; i++) {
                extra[i] = kept[row * values + i];
              }
              extra[values] = row == 0;
              output.accept(group.toRow(extra));
            }
          }));
    }
  }
}
