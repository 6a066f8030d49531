package org.pet.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.pet.dp.DpHistogram;
import org.pet.publish.ReleaseCell;
import org.pet.publish.ReleaseTable;

/**
 * A statistics-office release table of a Spark {@code Dataset<Row>}: noisy counts (and sums of a bounded
 * value column) per group computed on the cluster by {@link SparkDpQuery}, then pet-core's
 * {@link ReleaseTable} disclosure control - suppression below a minimum cell, rounding, derived totals and
 * error bounds - through {@link ReleaseTable#releaseNoisy}, so the rules and the output format are
 * {@code ReleaseTable}'s ({@link #toCsv()} is its CSV).
 *
 * <p><b>Guarantee.</b> The released table, totals included, is (epsilon, delta)-differentially private for
 * "add or remove all rows of one privacy unit", as {@link SparkDpQuery} states it for the count and sum
 * outputs (epsilon shared among them and, without categories, the partition selection); disclosure control
 * and derived totals are post-processing. Independently noised totals are not supported.
 *
 * <p><b>What reaches the driver.</b> Only the released groups: one row per group the DP query releases
 * (at most the categories' product, or the groups that survive private selection), collected after the
 * noise. Input rows never leave the executors. Group values are compared as strings (a null value is the
 * empty string, as in a CSV file); without a privacy-unit column every row is its own unit. A string value
 * column (as CSV inputs have) is read as numbers: text that is not a number is null and adds nothing to the
 * sum, while its row still counts.
 *
 * <p><b>Lifecycle.</b> One {@link #release()}; not thread-safe.
 */
public final class SparkReleaseTable {

  /** The privacy-unit column added when none is given: every row is a unit of its own. */
  private static final String ROW_UNIT = "_pet_row_unit";

  private final SparkDpQuery query;
  private final ReleaseTable table;
  private final List<String> columns;
  private final double sumBound;
  private List<ReleaseCell> released;

  private SparkReleaseTable(SparkDpQuery query, ReleaseTable table, List<String> columns, double sumBound) {
    this.query = query;
    this.table = table;
    this.columns = columns;
    this.sumBound = sumBound;
  }

  /** Starts a table's parameters; the data comes at {@link Builder#build(Dataset)}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the DP query on the cluster, brings its released groups to the driver and applies the disclosure
   * control.
   *
   * @return the published rows: cells, then derived totals (see {@link ReleaseTable})
   * @throws IllegalStateException if the table has already been released
   * @throws IllegalArgumentException if a released group value equals the total label
   */
  public List<ReleaseCell> release() {
    if (released != null) {
      throw new IllegalStateException("the table was already released; a table is released once");
    }
    Map<List<String>, DpHistogram.Cell> cells = new LinkedHashMap<>();
    for (Row row : query.run().collectAsList()) {
      List<String> key = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        key.add(row.getString(i));
      }
      double count = row.getLong(columns.size());
      OptionalDouble sum = sumBound > 0 ? OptionalDouble.of(row.getDouble(columns.size() + 3)) : OptionalDouble.empty();
      cells.put(List.copyOf(key), new DpHistogram.Cell(count, sum, OptionalDouble.empty()));
    }
    released = table.releaseNoisy(cells, new ReleaseIntervals(query.spec(), sumBound));
    return released;
  }

  /** The group columns, in order. */
  public List<String> columns() {
    return columns;
  }

  /** Whether the table has sums ({@code sum}, {@code sum_error} columns). */
  public boolean hasSums() {
    return sumBound > 0;
  }

  /**
   * The released rows as {@link ReleaseTable}'s CSV.
   *
   * @throws IllegalStateException before {@link #release()}
   */
  public String toCsv() {
    return table.toCsv();
  }

  /** The parameters of a {@link SparkReleaseTable}; each setter checks its argument at once. */
  public static final class Builder {
    private final ReleaseTable.Builder rules = ReleaseTable.builder();
    private final Map<String, List<String>> categories = new LinkedHashMap<>();
    private String privacyUnit;
    private String valueColumn;
    private double lower;
    private double upper;
    private double epsilon = Double.NaN;
    private double delta;
    private int maxGroups = 1;
    private int maxContributions = 1;

    private Builder() {}

    /**
     * The privacy-unit column; default none: every row is a unit of its own.
     *
     * @throws IllegalArgumentException if {@code column} is null or blank
     */
    public Builder privacyUnit(String column) {
      this.privacyUnit = Checks.checkName("privacyUnit", column);
      return this;
    }

    /**
     * The group columns; required.
     *
     * @throws IllegalArgumentException if there is none, or a name is blank, repeated or reserved
     */
    public Builder groupBy(String... columns) {
      rules.groupColumns(columns);
      return this;
    }

    /**
     * The public categories of one group column; give them for every group column or none. With them
     * exactly their combinations are published and no budget goes to selecting groups.
     *
     * @throws IllegalArgumentException if the values are empty, repeat or hold null
     */
    public Builder categories(String column, List<String> values) {
      rules.categories(column, values);
      categories.put(column, List.copyOf(values));
      return this;
    }

    /**
     * Adds sums of {@code column}, clamped to [lower, upper].
     *
     * @throws IllegalArgumentException unless the bounds are finite with lower &lt; upper
     */
    public Builder value(String column, double lower, double upper) {
      rules.valueBounds(lower, upper);
      this.valueColumn = Checks.checkName("value", column);
      this.lower = lower;
      this.upper = upper;
      return this;
    }

    /**
     * Total epsilon; required.
     *
     * @throws IllegalArgumentException unless {@code epsilon} is finite and {@code > 0}
     */
    public Builder epsilon(double epsilon) {
      rules.epsilon(epsilon);
      this.epsilon = epsilon;
      return this;
    }

    /**
     * Total delta; default 0; must be {@code > 0} without categories (checked at {@link #check()}).
     *
     * @throws IllegalArgumentException unless {@code delta} is in [0, 1)
     */
    public Builder delta(double delta) {
      rules.delta(delta);
      this.delta = delta;
      return this;
    }

    /**
     * L0: the most groups one unit contributes to; default 1.
     *
     * @throws IllegalArgumentException if {@code maxGroups < 1}
     */
    public Builder maxGroupsContributed(int maxGroups) {
      this.maxGroups = Checks.checkAtLeastOne("maxGroupsContributed", maxGroups);
      return this;
    }

    /**
     * Linf: the most rows one unit contributes to one group; default 1.
     *
     * @throws IllegalArgumentException if {@code maxContributions < 1}
     */
    public Builder maxContributionsPerGroup(int maxContributions) {
      this.maxContributions = Checks.checkAtLeastOne("maxContributionsPerGroup", maxContributions);
      return this;
    }

    /**
     * Rows whose noisy count is below this are suppressed; default 0.
     *
     * @throws IllegalArgumentException if {@code minimumCount < 0}
     */
    public Builder minimumCount(long minimumCount) {
      rules.minimumCount(minimumCount);
      return this;
    }

    /**
     * Counts are rounded to a multiple of this; default 1.
     *
     * @throws IllegalArgumentException if {@code roundingBase < 1}
     */
    public Builder roundingBase(long roundingBase) {
      rules.roundingBase(roundingBase);
      return this;
    }

    /**
     * Sums are rounded to a multiple of this; default 1.
     *
     * @throws IllegalArgumentException if {@code sumRoundingBase < 1}
     */
    public Builder sumRoundingBase(long sumRoundingBase) {
      rules.sumRoundingBase(sumRoundingBase);
      return this;
    }

    /**
     * Error bounds hold with probability at least 1 - alpha; default 0.05.
     *
     * @throws IllegalArgumentException unless {@code alpha} is in (0, 1)
     */
    public Builder alpha(double alpha) {
      rules.alpha(alpha);
      return this;
    }

    /**
     * {@link ReleaseTable.Totals#NONE} or {@link ReleaseTable.Totals#DERIVED_FROM_PUBLISHED} (default).
     *
     * @throws IllegalArgumentException for independently noised totals, which are not supported here
     */
    public Builder totals(ReleaseTable.Totals totals) {
      if (totals == ReleaseTable.Totals.INDEPENDENTLY_NOISED) {
        throw Checks.invalid("totals", "NONE or DERIVED_FROM_PUBLISHED on Spark", totals);
      }
      rules.totals(totals);
      return this;
    }

    /**
     * The label of total rows; default {@code Total}.
     *
     * @throws IllegalArgumentException if {@code totalLabel} is null or blank
     */
    public Builder totalLabel(String totalLabel) {
      rules.totalLabel(totalLabel);
      return this;
    }

    /**
     * Checks that the parameters fit together (as {@link ReleaseTable.Builder#build()} does), without data.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    public Builder check() {
      rules.build();
      if (!categories.isEmpty() || delta > 0) {
        return this;
      }
      throw Checks.invalid("delta", "> 0 when groups are selected privately (no categories)", delta);
    }

    /**
     * Checks the parameters against each other and the data's schema and plans the query; no Spark job runs.
     *
     * @throws IllegalArgumentException naming the parameter or column, as {@link ReleaseTable.Builder#build()}
     *     and {@link SparkDpQuery.Builder#build()} do
     */
    public SparkReleaseTable build(Dataset<Row> data) {
      if (data == null) {
        throw Checks.invalid("data", "a Dataset", null);
      }
      check();
      ReleaseTable table = rules.build();
      List<String> columns = table.columns();
      String unit = privacyUnit == null ? ROW_UNIT : privacyUnit;
      List<Column> selected = new ArrayList<>();
      for (String column : columns) {
        SchemaChecks.field(data.schema(), "groupBy", column, "the data");
        selected.add(coalesce(col(column).cast(DataTypes.StringType), lit("")).as(column));
      }
      if (privacyUnit == null) {
        selected.add(monotonically_increasing_id().as(ROW_UNIT));
      } else {
        SchemaChecks.field(data.schema(), "privacyUnit", privacyUnit, "the data");
        selected.add(col(privacyUnit));
      }
      if (valueColumn != null) {
        StructField field = SchemaChecks.field(data.schema(), "value", valueColumn, "the data");
        if (field.dataType().equals(DataTypes.StringType)) {
          selected.add(col(valueColumn).cast(DataTypes.DoubleType));
        } else {
          SchemaChecks.requireNumeric(data.schema(), "value", valueColumn);
          selected.add(col(valueColumn));
        }
      }
      SparkDpQuery.Builder query = SparkDpQuery.on(data.select(selected.toArray(Column[]::new)))
          .privacyUnit(unit).groupBy(columns.toArray(String[]::new))
          .maxGroupsContributed(maxGroups).maxContributionsPerGroup(maxContributions)
          .epsilon(epsilon).delta(delta).count("count");
      if (valueColumn != null) {
        query.sum(valueColumn, lower, upper, "sum");
      }
      if (!categories.isEmpty()) {
        query.publicGroups(publicGroups(data, columns));
      }
      double sumBound = valueColumn == null ? 0 : Math.max(Math.abs(lower), Math.abs(upper));
      return new SparkReleaseTable(query.build(), table, columns, sumBound);
    }

    /** The categories' cartesian product as a small dataset of string group columns. */
    private Dataset<Row> publicGroups(Dataset<Row> data, List<String> columns) {
      Dataset<Row> product = null;
      for (String column : columns) {
        Dataset<Row> values = data.sparkSession().createDataset(categories.get(column), Encoders.STRING())
            .toDF(column);
        product = product == null ? values : product.crossJoin(values);
      }
      return product;
    }
  }
}
