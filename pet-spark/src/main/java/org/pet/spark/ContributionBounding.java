package org.pet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Contribution bounding on Spark, without collecting rows: per privacy unit at most L0 of its distinct
 * groups, chosen uniformly at random, and per kept (unit, group) at most Linf of its rows, chosen uniformly
 * at random - the sampling of {@link org.pet.dp.DpHistogram}, computed with window functions after one
 * shuffle by unit.
 *
 * <ol>
 *   <li>Rows are hash-partitioned by unit, so each unit's rows meet in one task (Spark sorts and spills
 *       them; no unit needs to fit in memory).</li>
 *   <li>Each (unit, group) gets a key {@code gk = PRF(unit, group)} and each of its rows an index 1..n in
 *       the order of its values (rows with equal values are interchangeable, so the index is a function of
 *       the data), then a key {@code PRF(unit, group, index)} ({@link SamplingPrf}).</li>
 *   <li>Rows with row_number() &lt;= Linf over (unit, group) ordered by their key are kept: a uniformly
 *       random Linf-subset.</li>
 *   <li>Rows whose group has dense_rank() &lt;= L0 over the unit ordered by (gk, group) are kept: a uniformly
 *       random L0-subset of the unit's groups (the group values break ties of gk, so the rank counts groups
 *       exactly).</li>
 * </ol>
 * Both filters are exact whatever the keys, so the bounds hold even if keys collide; the keys only make the
 * choice uniform. Cost: one shuffle of the input rows and two sorts within partitions (Spark adds a
 * per-group limit before the windows); the second window reuses the first window's order.
 *
 * <p>Input columns: {@code _u} (never null), {@code _g0..}, {@code _v0..} (doubles). Output:
 * {@code _g0..}, {@code _v0..} and {@code _first}, true for exactly one row of each kept (unit, group).
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

  static List<String> names(int count, java.util.function.IntFunction<String> name) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(name.apply(i));
    }
    return names;
  }

  static Dataset<Row> bound(Dataset<Row> rows, int groupCount, int valueCount, int maxGroups,
      int maxContributions, SamplingPrf prf) {
    List<String> groups = names(groupCount, ContributionBounding::group);
    List<String> values = names(valueCount, ContributionBounding::value);
    List<Column> unitAndGroup = new ArrayList<>();
    unitAndGroup.add(col(UNIT));
    groups.forEach(g -> unitAndGroup.add(col(g)));
    Column[] unitGroup = unitAndGroup.toArray(Column[]::new);

    Dataset<Row> keyed = rows.repartition(col(UNIT))
        .withColumn("_h1", xxhash64(unitGroup))
        .withColumn("_h2", hash(unitGroup));
    keyed = keyed.withColumn("_gk", prf.column(col("_h1"), col("_h2"), lit(0)));

    // The pair (unit, group), led by its key so that the last window reuses this order.
    List<Column> pair = new ArrayList<>(List.of(col(UNIT), col("_gk")));
    groups.forEach(g -> pair.add(col(g)));
    Column[] pairColumns = pair.toArray(Column[]::new);

    Column rowKey;
    if (valueCount == 0) {
      rowKey = col("_gk"); // rows without values are interchangeable: any Linf of them will do
    } else {
      WindowSpec byValue = Window.partitionBy(pairColumns).orderBy(columns(values));
      keyed = keyed.withColumn("_i", row_number().over(byValue));
      keyed = keyed.withColumn("_r", prf.column(col("_h1"), col("_h2"), col("_i")));
      rowKey = col("_r");
    }
    Dataset<Row> perGroup = keyed
        .withColumn("_rn", row_number().over(Window.partitionBy(pairColumns).orderBy(rowKey)))
        .filter(col("_rn").leq(maxContributions));

    List<Column> groupOrder = new ArrayList<>(List.of(col("_gk")));
    groups.forEach(g -> groupOrder.add(col(g)));
    Dataset<Row> perUnit = perGroup
        .withColumn("_grank", dense_rank().over(Window.partitionBy(col(UNIT))
            .orderBy(groupOrder.toArray(Column[]::new))))
        .filter(col("_grank").leq(maxGroups));

    List<Column> output = new ArrayList<>();
    groups.forEach(g -> output.add(col(g)));
    values.forEach(v -> output.add(col(v)));
    output.add(col("_rn").equalTo(1).as(FIRST));
    return perUnit.select(output.toArray(Column[]::new));
  }
}
