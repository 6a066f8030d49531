package org.pet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The Spark plan of a release, built lazily (no job runs until it is materialized):
 * <ol>
 *   <li>select the privacy unit, group and value columns (values cast to double) and drop rows without a
 *       privacy unit;</li>
 *   <li>with public groups, keep only rows whose group is listed (a null-safe semi-join), before bounding;</li>
 *   <li>bound contributions ({@link ContributionBounding});</li>
 *   <li>with public groups, add one empty marker row per listed group, so every listed group is
 *       aggregated even when no row reaches it;</li>
 *   <li>group by the group columns with {@link GroupAggregator}: partial states per (partition, group),
 *       merged per group, selected and noised once per group on the executors;</li>
 *   <li>keep the selected groups, in one partition sorted by the group columns (a function of the released
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

    List<Column> selected = new ArrayList<>();
    selected.add(col(SchemaChecks.quoted(privacyUnit)).as(ContributionBounding.UNIT));
    for (int i = 0; i < groups.size(); i++) {
      selected.add(col(SchemaChecks.quoted(groupBy.get(i))).as(groups.get(i)));
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
        keyColumns.add(col(SchemaChecks.quoted(groupBy.get(i))).as("_k" + i));
      }
      keys = publicGroups.select(keyColumns.toArray(Column[]::new)).distinct();
      Column listed = lit(true);
      for (int i = 0; i < groups.size(); i++) {
        listed = listed.and(rows.col(groups.get(i)).eqNullSafe(keys.col("_k" + i)));
      }
      rows = rows.join(keys, listed, "left_semi");
    }

    Dataset<Row> bounded = ContributionBounding.bound(rows, groups.size(), values.size(), spec.maxGroups(),
        spec.maxContributions(), prf);
    Dataset<Row> input = bounded.select(aggregatorInput(List.of(ContributionBounding.columns(groups)), values,
        col(ContributionBounding.FIRST), lit(false), null));
    if (keys != null) {
      List<Column> markerGroups = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        markerGroups.add(col("_k" + i).as(groups.get(i)));
      }
      Dataset<Row> markers = keys.select(aggregatorInput(markerGroups, values, lit(false), lit(true),
          lit(null).cast(DataTypes.DoubleType)));
      input = input.unionByName(markers);
    }

    List<Column> arguments = new ArrayList<>(List.of(col(ContributionBounding.FIRST), col("_marker")));
    values.forEach(v -> arguments.add(col(v)));
    Column aggregate = functions.udaf(new GroupAggregator(spec),
            Encoders.row(GroupAggregator.inputSchema(values.size())))
        .apply(arguments.toArray(Column[]::new));
    Dataset<Row> released = input.groupBy(ContributionBounding.columns(groups)).agg(aggregate.as(OUT))
        .filter(col(OUT).getField(QuerySpec.KEPT));

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
   * The aggregator's input: the group columns, {@code _first}, {@code _marker}, then the values (each
   * value column, or {@code missing} for every one when given).
   */
  private static Column[] aggregatorInput(List<Column> groups, List<String> values, Column first, Column marker,
      Column missing) {
    List<Column> columns = new ArrayList<>(groups);
    columns.add(first.as(ContributionBounding.FIRST));
    columns.add(marker.as("_marker"));
    for (String value : values) {
      columns.add((missing == null ? col(value) : missing).as(value));
    }
    return columns.toArray(Column[]::new);
  }
}
