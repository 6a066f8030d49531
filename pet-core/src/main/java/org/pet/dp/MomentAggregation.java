package org.pet.dp;

import java.util.Collection;

/** The entry handling and merging shared by {@link BoundedMean} and {@link BoundedVariance}. */
abstract class MomentAggregation extends Aggregation {

  final NormalizedMoments moments;

  MomentAggregation(AggregationParameters parameters, boolean squares) {
    super(parameters);
    this.moments = new NormalizedMoments(parameters, squares);
  }

  /** Adds a value, clamped to the bounds; NaN is ignored. */
  public final void addEntry(double value) {
    state.requireOpen("add entries");
    moments.add(value);
  }

  /** Adds every value, clamped to the bounds; NaN values are ignored. */
  public final void addEntries(Collection<Double> values) {
    values.forEach(this::addEntry);
  }

  @Override
  final long[] longState() {
    return moments.state();
  }

  @Override
  final void mergeState(long[] longs, double[] doubles) {
    moments.merge(longs);
  }
}
