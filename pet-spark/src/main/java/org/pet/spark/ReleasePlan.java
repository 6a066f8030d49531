package org.pet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The Spark plan of a release, built lazily (no job runs until it is materialized):
 * <ol>
 *   <li>select the privacy unit, group and value columns (values cast to double; floating-point zeros of
 *       units and groups made positive, as Spark's grouping does) and drop rows without a privacy unit;</li>
 *   <li>with public groups, keep only rows whose group is listed (a semi-join on the groups' hash), before
 *       bounding;</li>
 *   <li>shuffle by privacy unit and sort each partition ({@link ContributionBounding}), then in one pass
 *       bound each unit's contributions and aggregate the kept rows into one partial state per group
 *       ({@link PartialAggregation});</li>
 *   <li>with public groups, add one empty marker per listed group, so every listed group is released even
 *       when no row reaches it;</li>
 *   <li>group the partial states by the group columns with {@link GroupAggregator}: merged per group,
 *       selected and noised once per group on the executors;</li>
 *   <li>keep the selected groups (with public groups, only listed ones: a null-safe semi-join, exact), in one
 *       partition sorted by the group columns (a function of the released
 *       groups alone: no global sort, whose sampling job would draw the noise a second time).</li>
 * </ol>
 */
final class ReleasePlan {

  private static final String OUT = "_out";

  private ReleasePlan() {}

  static Dataset<Row> of(Dataset<Row> data, Dataset<Row> publicGroups, String privacyUnit, List<String> groupBy,
      QuerySpec spec, SamplingPrf prf) {
    List<String> groups = ContributionBounding.names(groupBy.size(), ContributionBounding::group);
    List<String> values = ContributionBounding.names(spec.valueColumns().size(), ContributionBounding::value);
    List<String> keyNames = ContributionBounding.names(groupBy.size(), i -> "_k" + i);

    List<Column> selected = new ArrayList<>();
    selected.add(key(data, privacyUnit).as(ContributionBounding.UNIT));
    for (int i = 0; i < groups.size(); i++) {
      selected.add(key(data, groupBy.get(i)).as(groups.get(i)));
    }
    for (int i = 0; i < values.size(); i++) {
      selected.add(col(SchemaChecks.quoted(spec.valueColumns().get(i))).cast(DataTypes.DoubleType)
          .as(values.get(i)));
    }
    Dataset<Row> rows = data.select(selected.toArray(Column[]::new))
        .filter(col(ContributionBounding.UNIT).isNotNull());

    Dataset<Row> keys = null;
    if (publicGroups != null) {
      List<Column> keyColumns = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        keyColumns.add(key(publicGroups, groupBy.get(i)).as(keyNames.get(i)));
      }
      keys = publicGroups.select(keyColumns.toArray(Column[]::new)).distinct();
      // A semi-join on the groups' 64-bit hash: one long per row to look up. A row of an unlisted group
      // whose hash collides with a listed one passes (it is bounded as its unit's other rows are) and is
      // dropped from the output by the exact join below.
      Dataset<Row> hashes = keys.select(xxhash64(ContributionBounding.columns(keyNames)).as("_kh"))
          .distinct();
      rows = rows.join(hashes, xxhash64(ContributionBounding.columns(groups)).equalTo(hashes.col("_kh")),
          "left_semi");
    }

    List<StructField> partialFields = new ArrayList<>();
    for (String group : groups) {
      partialFields.add(rows.schema().apply(group));
    }
    partialFields.add(DataTypes.createStructField(GroupAggregator.STATE, DataTypes.BinaryType, true));
    GroupStates states = new GroupStates(spec);
    Dataset<Row> input = ContributionBounding.sorted(rows, groups.size(), values.size())
        .mapPartitions(new PartialAggregation(states, prf, groups.size()),
            Encoders.row(DataTypes.createStructType(partialFields)));
    if (keys != null) {
      List<Column> markers = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        markers.add(col(keyNames.get(i)).as(groups.get(i)));
      }
      markers.add(lit(null).cast(DataTypes.BinaryType).as(GroupAggregator.STATE));
      input = input.unionByName(keys.select(markers.toArray(Column[]::new)));
    }

    Column aggregate = functions.udaf(new GroupAggregator(states), Encoders.row(GroupAggregator.inputSchema()))
        .apply(col(GroupAggregator.STATE));
    Dataset<Row> released = input.groupBy(ContributionBounding.columns(groups)).agg(aggregate.as(OUT))
        .filter(col(OUT).getField(QuerySpec.KEPT));
    if (keys != null) {
      Column listed = lit(true);
      for (int i = 0; i < groups.size(); i++) {
        listed = listed.and(released.col(groups.get(i)).eqNullSafe(keys.col(keyNames.get(i))));
      }
      released = released.join(keys, listed, "left_semi");
    }

    List<Column> output = new ArrayList<>();
    List<Column> order = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      output.add(col(groups.get(i)).as(groupBy.get(i)));
      order.add(col(SchemaChecks.quoted(groupBy.get(i))));
    }
    for (OutputSpec requested : spec.outputs()) {
      for (StructField field : requested.fields()) {
        output.add(col(OUT).getField(field.name()).as(field.name()));
      }
    }
    return released.select(output.toArray(Column[]::new)).repartition(1)
        .sortWithinPartitions(order.toArray(Column[]::new));
  }

  /**
   * A unit or group column, with a floating-point -0.0 made 0.0: Spark groups the two together, and the
   * one-pass bounding compares values with Java's equality, which tells them apart.
   */
  private static Column key(Dataset<Row> data, String column) {
    Column c = col(SchemaChecks.quoted(column));
    DataType type = data.schema().apply(column).dataType();
    if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      return when(c.equalTo(0), lit(0).cast(type)).otherwise(c);
    }
    return c;
  }
}
