package org.pet.spark;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * One Spark partition's bounded contributions, aggregated per group: rows sorted by privacy unit go
 * through {@link UnitSampler}, each kept (unit, group) is added to its group's {@link GroupState}, and the
 * partition emits one partial state per group as {@code [group_0.., state (binary)]} - pet-core summaries,
 * un-noised, merged per group later. States are emitted early (and the map emptied) once it holds
 * {@value #MAX_GROUPS} groups or {@value #MAX_ROWS} rows since the last emission, so memory stays bounded
 * whatever the number of groups; partial states of one group merge in any number.
 */
final class PartialAggregation implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;
  static final int MAX_GROUPS = 4096;
  static final int MAX_ROWS = 1 << 20;

  private final GroupStates states;
  private final SamplingPrf prf;
  private final int groups;

  PartialAggregation(GroupStates states, SamplingPrf prf, int groups) {
    this.states = states;
    this.prf = prf;
    this.groups = groups;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new PartitionPass(rows, Stage::new);
  }

  private final class Stage implements PartitionPass.Stage {
    private final Map<GroupKey, GroupState> partial = new HashMap<>();
    private final int stride = states.spec().valueColumns().size();
    private final UnitSampler sampler;
    private final Consumer<Row> output;
    private long rowsSinceEmit;

    Stage(Consumer<Row> output) {
      this.output = output;
      QuerySpec spec = states.spec();
      sampler = new UnitSampler(groups, stride, spec.maxGroups(), spec.maxContributions(), prf, this::add);
    }

    private void add(GroupKey group, double[] values, int rows) {
      partial.computeIfAbsent(group, g -> states.create()).addUnit(values, rows, stride);
      rowsSinceEmit += rows;
      if (partial.size() >= MAX_GROUPS || rowsSinceEmit >= MAX_ROWS) {
        emit();
      }
    }

    private void emit() {
      partial.forEach((group, state) -> output.accept(group.toRow((Object) state.toBytes())));
      partial.clear();
      rowsSinceEmit = 0;
    }

    @Override
    public void add(Row input) {
      sampler.add(input);
    }

    @Override
    public void finish() {
      sampler.finish();
      emit();
    }
  }
}
