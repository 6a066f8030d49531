package org.pet.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pet.dp.DpHistogram;
import org.pet.dp.DpHistogram.SelectionStrategy;
import org.pet.dp.MechanismType;
import org.pet.dp.Noise;

/**
 * A differentially private group-by over a Spark {@code Dataset<Row>}: per group, noisy counts, sums, means
 * and quantiles of bounded contributions, computed on the cluster with pet-core's aggregations and noise.
 *
 * <pre>{@code
 * Dataset<Row> released = SparkDpQuery.on(claims)
 *     .privacyUnit("person_id")
 *     .groupBy("district", "age_band")
 *     .maxGroupsContributed(2).maxContributionsPerGroup(1)
 *     .publicGroups(knownKeys)                  // optional; else private partition selection
 *     .count("claims")
 *     .sum("amount", 0, 5_000, "total")
 *     .mean("amount", 0, 5_000, "average")
 *     .quantiles("wait_days", 0, 365, List.of(0.5, 0.9), "wait")
 *     .epsilon(1.0).delta(1e-6)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p><b>Guarantee.</b> The whole release - which groups appear and every released value and interval - is
 * (epsilon, delta)-differentially private for the neighbouring relation "add or remove all rows of one
 * privacy unit", the same guarantee and mechanisms as pet-core's {@link DpHistogram}. Rows whose privacy
 * unit is null are dropped (they belong to no unit that could be bounded).
 *
 * <p><b>Contribution bounding</b> (on the executors; no row reaches the driver). With public groups, rows
 * of unlisted groups are dropped first. Then per privacy unit at most L0 = {@code maxGroupsContributed} of
 * its distinct groups are kept, chosen uniformly at random, and per kept (unit, group) at most
 * Linf = {@code maxContributionsPerGroup} of its rows, chosen uniformly at random. The choices come from a
 * keyed pseudorandom function under a fresh secret key per query, so a retried Spark task repeats them.
 * Null group values form a group of their own, as in Spark's {@code groupBy}.
 *
 * <p><b>Sensitivities</b> (pet-core's, per output): count L0 and Linf; sum L0 and
 * Linf * max(|lower|, |upper|); mean as {@link org.pet.dp.BoundedMean} (a count and a sum shifted to the
 * midpoint, each with half of the output's budget; the mean is clamped to [lower, upper]); quantiles as
 * {@link org.pet.dp.BoundedQuantiles} (a tree of height 4 and branching 16, noised once per node with
 * L0 * 4 and Linf; every rank is read from the same tree). Values are clamped to [lower, upper]; sums are
 * exact (pet-core's fixed-point accumulation), so they do not depend on Spark's partitioning. Null and NaN
 * values are ignored by that output's aggregation (the row still counts); non-double numeric columns are
 * cast to double.
 *
 * <p><b>Budget split</b> (fixed by {@link Builder#build()}), as {@link DpHistogram} splits it with each
 * output as one mechanism. Epsilon is shared equally among the mechanisms that spend it: every output
 * (count, sum, mean, quantiles) and, under the optimal keep probability, the partition selection. Delta is
 * shared equally among those that use it: the selection (no public groups) and, with Gaussian noise, every
 * output. For the example above (4 outputs, L0 = 2, no public groups, Laplace noise): selection
 * (eps/5, delta), each output eps/5. With public groups and Laplace noise each output gets eps/4 and delta
 * is not spent.
 *
 * <p><b>Partition selection</b>, chosen as {@link DpHistogram} chooses it ({@link #selectionStrategy()}):
 * with public groups, exactly the listed groups are released (every one, with noised zeros when absent
 * from the data; never an unlisted one) and no budget is spent on selection; otherwise for L0 &lt;= 3, or
 * when no count is requested, a group with n privacy units is kept with the optimal probability
 * pi(n) ({@link org.pet.dp.OptimalPartitionSelection}, with (eps_sel / L0, delta_sel / L0)); for L0 &gt; 3
 * a group is kept when its released noisy count (the first count output, rounded) exceeds DpHistogram's
 * threshold Linf + h by more than 1/2, h being the half-width of the count noise's (1 - delta_sel / L0)
 * interval. Noise and coins are drawn once per group, on the executors, from pet-core's mechanisms on
 * secure randomness ({@link org.pet.random.Randomness#secureNoiseSource()}).
 *
 * <p><b>Output.</b> The group columns, then per output its value and 95% confidence interval:
 * {@code <name>}, {@code <name>_lower}, {@code <name>_upper} (longs for counts, doubles otherwise); per
 * rank of a quantiles output {@code <name>_p50}, {@code <name>_p50_lower}, {@code <name>_p50_upper}, and so
 * on ({@code p99_9} for 0.999). The intervals are pet-core's {@code computeConfidenceInterval} at
 * alpha = 0.05, each for its own value (not simultaneous), and describe the noise only: under private
 * selection kept groups are biased towards larger noisy counts. Rows are sorted by the group columns, in
 * one partition. Noisy counts and sums may be negative.
 *
 * <p><b>Lifecycle and thread safety.</b> One-shot: {@link #run()} releases once; a second call throws
 * {@link IllegalStateException}. The returned dataset is materialized (locally checkpointed) by
 * {@code run()}, so every action on it reads the same release rather than drawing new noise; if an
 * executor holding it is lost, actions on it fail rather than recompute. Instances are not thread-safe.
 *
 * <p>Release tables with disclosure control on top of it: {@link SparkReleaseTable}, and the spark-submit
 * job {@link ReleaseJob}; pet-server's query service uses it for datasets registered with
 * {@code "engine": "spark"} ({@code org.pet.spark.server.SparkQueryEngine}).
 */
public final class SparkDpQuery {

  private final Dataset<Row> plan;
  private final QuerySpec spec;
  private boolean ran;

  private SparkDpQuery(Dataset<Row> plan, QuerySpec spec) {
    this.plan = plan;
    this.spec = spec;
  }

  /**
   * Starts a query over {@code data}.
   *
   * @throws IllegalArgumentException if {@code data} is null
   */
  public static Builder on(Dataset<Row> data) {
    if (data == null) {
      throw Checks.invalid("data", "a Dataset", null);
    }
    return new Builder(data);
  }

  /**
   * Runs the release on the cluster: bounds contributions, aggregates, selects and noises each group once.
   *
   * @return the released groups: the group columns, then each output's value and 95% interval bounds (see
   *     the class documentation), sorted by the group columns; materialized, so repeated actions read the
   *     same release
   * @throws IllegalStateException if the query has already run
   */
  public Dataset<Row> run() {
    if (ran) {
      throw new IllegalStateException("the query has already run; a query is released once");
    }
    ran = true;
    return plan.localCheckpoint(true);
  }

  /** How released groups are chosen: public groups, the optimal keep probability or a count threshold. */
  public SelectionStrategy selectionStrategy() {
    return spec.split().strategy();
  }

  /** The schema of {@link #run()}'s result. */
  public StructType schema() {
    return plan.schema();
  }

  QuerySpec spec() {
    return spec;
  }

  /** The lazy plan {@link #run()} materializes; for inspecting it ({@code explain()}) without running it. */
  Dataset<Row> plan() {
    return plan;
  }

  /**
   * The parameters of a {@link SparkDpQuery}. Each setter checks its argument at once; {@link #build()}
   * checks the columns against the data's schema and the parameters' consistency, before any Spark job
   * runs. Not thread-safe.
   */
  public static final class Builder {
    private final Dataset<Row> data;
    private String privacyUnit;
    private List<String> groupBy;
    private int maxGroups = 1;
    private int maxContributions = 1;
    private Dataset<Row> publicGroups;
    private final List<OutputSpec> outputs = new ArrayList<>();
    private double epsilon = Double.NaN;
    private double delta;
    private MechanismType mechanism = MechanismType.LAPLACE;
    private NoiseSource noiseForTesting;

    private Builder(Dataset<Row> data) {
      this.data = data;
    }

    /**
     * The column identifying the person or household whose rows are protected together; required.
     *
     * @throws IllegalArgumentException if {@code column} is null or blank
     */
    public Builder privacyUnit(String column) {
      this.privacyUnit = Checks.checkName("privacyUnit", column);
      return this;
    }

    /**
     * The columns whose value combinations are the groups; at least one, distinct; required.
     *
     * @throws IllegalArgumentException if there is no column, a name is blank, or a name repeats
     */
    public Builder groupBy(String... columns) {
      if (columns == null || columns.length == 0) {
        throw Checks.invalid("groupBy", "at least one column", columns == null ? "null" : "none");
      }
      List<String> names = new ArrayList<>();
      for (String column : columns) {
        String name = Checks.checkName("groupBy", column);
        if (names.contains(name)) {
          throw Checks.invalid("groupBy", "distinct columns", List.of(columns));
        }
        names.add(name);
      }
      this.groupBy = List.copyOf(names);
      return this;
    }

    /**
     * L0: the most groups one privacy unit contributes to; default 1.
     *
     * @throws IllegalArgumentException if {@code maxGroups < 1}
     */
    public Builder maxGroupsContributed(int maxGroups) {
      this.maxGroups = Checks.checkAtLeastOne("maxGroupsContributed", maxGroups);
      return this;
    }

    /**
     * Linf: the most rows one privacy unit contributes to one group; default 1.
     *
     * @throws IllegalArgumentException if {@code maxContributions < 1}
     */
    public Builder maxContributionsPerGroup(int maxContributions) {
      this.maxContributions = Checks.checkAtLeastOne("maxContributionsPerGroup", maxContributions);
      return this;
    }

    /**
     * Groups fixed independently of the data (e.g. a published classification), as a dataset with every
     * group column (same types; other columns are ignored, duplicates count once): exactly these groups
     * are released and no budget is spent on selection. Without it, groups are selected privately, which
     * needs {@code delta > 0}. Its columns are checked at {@link #build()}.
     *
     * @throws IllegalArgumentException if {@code groups} is null
     */
    public Builder publicGroups(Dataset<Row> groups) {
      if (groups == null) {
        throw Checks.invalid("publicGroups", "a Dataset", null);
      }
      this.publicGroups = groups;
      return this;
    }

    /**
     * Releases the number of bounded rows per group as {@code name} (a long).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public Builder count(String name) {
      outputs.add(OutputSpec.count(name));
      return this;
    }

    /**
     * Releases the sum of {@code column}'s values clamped to [lower, upper] as {@code name}.
     *
     * @throws IllegalArgumentException if a name is blank or the bounds are not finite with lower &lt; upper
     */
    public Builder sum(String column, double lower, double upper, String name) {
      outputs.add(OutputSpec.bounded(OutputSpec.Kind.SUM, column, lower, upper, name));
      return this;
    }

    /**
     * Releases the mean of {@code column}'s values clamped to [lower, upper] as {@code name}.
     *
     * @throws IllegalArgumentException if a name is blank or the bounds are not finite with lower &lt; upper
     */
    public Builder mean(String column, double lower, double upper, String name) {
      outputs.add(OutputSpec.bounded(OutputSpec.Kind.MEAN, column, lower, upper, name));
      return this;
    }

    /**
     * Releases quantiles of {@code column}'s values clamped to [lower, upper], one column triple per rank
     * ({@code name_p50} for 0.5), all from one noisy tree.
     *
     * @throws IllegalArgumentException if a name is blank, the bounds are not finite with lower &lt; upper,
     *     or {@code ranks} is empty, holds a rank outside [0, 1] or two ranks with the same label
     */
    public Builder quantiles(String column, double lower, double upper, List<Double> ranks, String name) {
      outputs.add(OutputSpec.quantiles(column, lower, upper, ranks, name));
      return this;
    }

    /**
     * The total epsilon of the release; required.
     *
     * @throws IllegalArgumentException unless {@code epsilon} is finite and {@code > 0}
     */
    public Builder epsilon(double epsilon) {
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw Checks.invalid("epsilon", "finite and > 0", epsilon);
      }
      this.epsilon = epsilon;
      return this;
    }

    /**
     * The total delta of the release, in [0, 1); default 0. Must be {@code > 0} without public groups and
     * with Gaussian noise (checked at {@link #build()}).
     *
     * @throws IllegalArgumentException unless {@code delta} is in [0, 1)
     */
    public Builder delta(double delta) {
      if (!(delta >= 0 && delta < 1)) {
        throw Checks.invalid("delta", "in [0, 1)", delta);
      }
      this.delta = delta;
      return this;
    }

    /**
     * The noise: {@link MechanismType#LAPLACE} (default, pure epsilon-DP per output) or
     * {@link MechanismType#GAUSSIAN} (each output then spends a share of delta), on secure randomness.
     *
     * @throws IllegalArgumentException for any other mechanism (the integer ones cannot noise means and
     *     quantiles)
     */
    public Builder noise(MechanismType mechanism) {
      if (mechanism != MechanismType.LAPLACE && mechanism != MechanismType.GAUSSIAN) {
        throw Checks.invalid("noise", "LAPLACE or GAUSSIAN", mechanism);
      }
      this.mechanism = mechanism;
      return this;
    }

    /** Replaces the secure noise by {@code source}'s, e.g. zero or seeded noise. For tests only. */
    Builder noiseForTesting(NoiseSource source) {
      this.noiseForTesting = source;
      return this;
    }

    /**
     * Checks the query against the data's schema and returns it, ready to {@link SparkDpQuery#run()}. No
     * Spark job runs. The returned query releases with the budget split stated on {@link SparkDpQuery}:
     * epsilon / (outputs + 1 if the optimal keep probability selects groups) per mechanism; delta /
     * (1 without public groups + outputs with Gaussian noise) per mechanism that uses it.
     *
     * @throws IllegalArgumentException naming the column or parameter, if the privacy unit, the group
     *     columns or the epsilon are missing; a column is not in the data (names match exactly); the privacy
     *     unit or a group column is not of an atomic type (an array, struct or map); a sum, mean or
     *     quantiles column is not numeric; there is no output, or two outputs share a name, or an
     *     output column would repeat another column's name; delta is 0 without public groups or with
     *     Gaussian noise; the public groups lack a group column or hold it with another type; pet-core
     *     rejects an output's parameters (e.g. bounds whose sum or noise could overflow); or Spark cannot
     *     plan the query
     */
    public SparkDpQuery build() {
      StructType schema = data.schema();
      if (privacyUnit == null) {
        throw Checks.invalid("privacyUnit", "set", "unset");
      }
      SchemaChecks.requireAtomic(schema, "privacyUnit", privacyUnit);
      if (groupBy == null) {
        throw Checks.invalid("groupBy", "set", "unset");
      }
      for (String column : groupBy) {
        SchemaChecks.requireAtomic(schema, "groupBy", column);
      }
      List<String> valueColumns = checkOutputs(schema);
      if (Double.isNaN(epsilon)) {
        throw Checks.invalid("epsilon", "set", "unset");
      }
      NoiseSource source = noiseForTesting != null ? noiseForTesting : NoiseSource.secure(mechanism);
      Noise noise = source.create();
      if (publicGroups == null && delta == 0) {
        throw Checks.invalid("delta", "> 0 for private partition selection (no publicGroups given)", delta);
      }
      if (!noise.isPure() && delta == 0) {
        throw Checks.invalid("delta", "> 0 for " + noise.getMechanismType() + " noise", delta);
      }
      if (publicGroups != null) {
        for (String column : groupBy) {
          SchemaChecks.requireSameType(schema, publicGroups.schema(), column);
        }
      }
      boolean releasesCount = outputs.stream().anyMatch(o -> o.kind() == OutputSpec.Kind.COUNT);
      BudgetSplit split = BudgetSplit.of(epsilon, delta, outputs.size(), releasesCount, publicGroups != null,
          noise, maxGroups, maxContributions);
      QuerySpec spec = new QuerySpec(outputs, valueColumns, maxGroups, maxContributions, split, source);
      spec.checkParameters();
      try {
        return new SparkDpQuery(
            ReleasePlan.of(data, publicGroups, privacyUnit, groupBy, spec, SamplingPrf.withFreshKey()), spec);
      } catch (Exception e) {
        // Spark's AnalysisException is checked in Java's eyes but not declared by Scala methods.
        if (e instanceof AnalysisException) {
          throw new IllegalArgumentException("Spark cannot plan the query: " + e.getMessage(), e);
        }
        throw e;
      }
    }

    /** Checks the outputs and returns the distinct value columns they read, in order of first use. */
    private List<String> checkOutputs(StructType schema) {
      if (outputs.isEmpty()) {
        throw Checks.invalid("outputs", "at least one of count, sum, mean or quantiles", "none");
      }
      Set<String> names = new HashSet<>();
      Set<String> columns = new HashSet<>(groupBy);
      Set<String> valueColumns = new LinkedHashSet<>();
      for (OutputSpec output : outputs) {
        if (!names.add(output.name())) {
          throw Checks.invalid("name", "distinct among outputs", "\"" + output.name() + "\" twice");
        }
        for (StructField field : output.fields()) {
          if (!columns.add(field.name())) {
            throw Checks.invalid("name` of `" + output.name(), "free of clashes: its column \"" + field.name()
                + "\" is already a group or output column", "\"" + output.name() + "\"");
          }
        }
        if (output.column() != null) {
          SchemaChecks.requireNumeric(schema, output.name(), output.column());
          valueColumns.add(output.column());
        }
      }
      return List.copyOf(valueColumns);
    }
  }
}
