package org.pet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedQuantiles;
import org.pet.dp.BoundedSum;
import org.pet.dp.Count;
import org.pet.dp.Noise;

/**
 * What executors need to aggregate and release a group: the outputs, the bounds on contributions, the
 * budget split and the noise factory. Immutable and serializable; validated by
 * {@link SparkDpQuery.Builder#build()}.
 *
 * @param outputs the requested outputs, in column order
 * @param valueColumns the distinct input columns the outputs aggregate, in input order of the aggregator
 * @param maxGroups L0: groups per privacy unit
 * @param maxContributions Linf: rows per (privacy unit, group)
 * @param split the budget of each mechanism and the selection strategy
 * @param noise creates the mechanisms, on the executors
 */
record QuerySpec(List<OutputSpec> outputs, List<String> valueColumns, int maxGroups, int maxContributions,
    BudgetSplit split, NoiseSource noise) implements Serializable {

  /** The column of the aggregator's result that says whether the group is released. */
  static final String KEPT = "_kept";

  QuerySpec {
    outputs = List.copyOf(outputs);
    valueColumns = List.copyOf(valueColumns);
  }

  /** The index of an output's values among a bounded row's values, or -1 for counts. */
  int valueColumn(OutputSpec output) {
    return output.column() == null ? -1 : valueColumns.indexOf(output.column());
  }

  /** The aggregator's result: {@value #KEPT}, then every output's columns. */
  StructType releasedSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(KEPT, DataTypes.BooleanType, false));
    for (OutputSpec output : outputs) {
      fields.addAll(output.fields());
    }
    return DataTypes.createStructType(fields);
  }

  /** The position in the aggregator's result of the first count output's value, or -1 without one. */
  int firstCountPosition() {
    int position = 1;
    for (OutputSpec output : outputs) {
      if (output.kind() == OutputSpec.Kind.COUNT) {
        return position;
      }
      position += output.fields().size();
    }
    return -1;
  }

  /** A fresh, empty state for one group, with one mechanism per output ({@code noises[i]} for output i). */
  GroupState newGroupState(Noise[] noises) {
    List<OutputAccumulator> accumulators = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      accumulators.add(accumulator(outputs.get(i), noises[i]));
    }
    return new GroupState(accumulators);
  }

  /**
   * The pet-core aggregation of one output with its share of the budget, ready for entries. A quantiles
   * output builds its tree only once it holds enough values ({@link QuantilesAccumulator}).
   *
   * @throws IllegalArgumentException if pet-core rejects the parameters (e.g. a sum that could overflow)
   */
  OutputAccumulator accumulator(OutputSpec output, Noise noise) {
    switch (output.kind()) {
      case COUNT:
        return SummaryAccumulator.count(Count.builder().epsilon(split.outputEpsilon()).delta(split.outputDelta())
            .noise(noise).maxPartitionsContributed(maxGroups).maxContributionsPerPartition(maxContributions).build());
      case SUM:
        return SummaryAccumulator.sum(BoundedSum.builder().epsilon(split.outputEpsilon())
            .delta(split.outputDelta()).noise(noise).maxPartitionsContributed(maxGroups)
            .maxContributionsPerPartition(maxContributions).lower(output.lower()).upper(output.upper()).build(),
            valueColumn(output));
      case MEAN:
        return SummaryAccumulator.mean(BoundedMean.builder().epsilon(split.outputEpsilon())
            .delta(split.outputDelta()).noise(noise).maxPartitionsContributed(maxGroups)
            .maxContributionsPerPartition(maxContributions).lower(output.lower()).upper(output.upper()).build(),
            valueColumn(output));
      case QUANTILES:
        BoundedQuantiles.Builder tree = tree(output, noise);
        return new QuantilesAccumulator(tree::build, output.ranks(), valueColumn(output));
      default:
        throw new AssertionError(output.kind());
    }
  }

  /**
   * Builds each output's pet-core aggregation once, so that pet-core's parameter checks run on the driver
   * before any job.
   *
   * @throws IllegalArgumentException naming the output, if pet-core rejects its parameters
   */
  void checkParameters() {
    for (OutputSpec output : outputs) {
      try {
        Noise noise = this.noise.create();
        if (output.kind() == OutputSpec.Kind.QUANTILES) {
          tree(output, noise).build();
        } else {
          accumulator(output, noise);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("output `" + output.name() + "`: " + e.getMessage(), e);
      }
    }
  }

  private BoundedQuantiles.Builder tree(OutputSpec output, Noise noise) {
    return BoundedQuantiles.builder().epsilon(split.outputEpsilon()).delta(split.outputDelta()).noise(noise)
        .maxPartitionsContributed(maxGroups).maxContributionsPerPartition(maxContributions)
        .lower(output.lower()).upper(output.upper());
  }
}
