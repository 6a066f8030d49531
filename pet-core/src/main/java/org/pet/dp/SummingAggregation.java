package org.pet.dp;

import java.util.Collection;
import java.util.stream.DoubleStream;

/**
 * The entry paths shared by the aggregations that clamp values to [lower, upper] and sum them exactly
 * ({@link BoundedSum}, {@link BoundedMean}, {@link BoundedVariance}). Every path (one entry, a collection,
 * an array, a stream) ends in the same exact sums: each non-NaN value contributes its own rounded units,
 * so the released result does not depend on the path, the order or the batching. The bulk
 * {@link #addEntries(double[])} is the cheapest per entry.
 */
abstract class SummingAggregation extends Aggregation {

  private final LaneAccumulator entries;

  SummingAggregation(AggregationParameters parameters, LaneAccumulator entries) {
    super(parameters);
    this.entries = entries;
  }

  /**
   * Adds a value, clamped to the bounds; NaN is ignored.
   *
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public final void addEntry(double value) {
    state.requireOpen("add entries");
    entries.add(value);
  }

  /**
   * Adds every value, clamped to the bounds; NaN values are ignored.
   *
   * @throws IllegalStateException if a result was released or a summary serialized already (nothing is
   *     added)
   * @throws NullPointerException if a value is null (the values before it are added)
   */
  public final void addEntries(Collection<Double> values) {
    state.requireOpen("add entries");
    entries.addAll(values);
  }

  /**
   * Adds every value, clamped to the bounds; NaN values are ignored. The bulk path: the same result as
   * {@link #addEntry(double)} for each value, at a fraction of the cost per entry (whole chunks are
   * rounded and summed exactly by vectorised loops).
   *
   * @throws IllegalStateException if a result was released or a summary serialized already (nothing is
   *     added)
   */
  public final void addEntries(double[] values) {
    state.requireOpen("add entries");
    entries.addAll(values);
  }

  /**
   * Adds every value of the stream, clamped to the bounds; NaN values are ignored. The stream is consumed
   * sequentially on the calling thread.
   *
   * @throws IllegalStateException if a result was released or a summary serialized already (nothing is
   *     added and the stream is not consumed)
   */
  public final void addEntries(DoubleStream values) {
    state.requireOpen("add entries");
    entries.addAll(values);
  }
}
