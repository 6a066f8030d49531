package org.pet.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedSum;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.Count;

/**
 * An output backed by a pet-core {@link Count}, {@link BoundedSum} or {@link BoundedMean}: rows are added
 * with the aggregation's own entry path (clamping, exact sums), partial states travel and merge as its
 * {@code getSerializableSummary()} bytes through {@code mergeWith}, and the release is its
 * {@code computeResult()} with {@code computeConfidenceInterval(0.05)}.
 *
 * @param <A> the pet-core aggregation
 */
final class SummaryAccumulator<A> implements OutputAccumulator {

  /** How one aggregation type is fed, summarised, merged and released. */
  private record Ops<A>(ObjDoubleConsumer<A> add, Function<A, byte[]> summary, BiConsumer<A, byte[]> merge,
      Releaser<A> release) {}

  @FunctionalInterface
  private interface Releaser<A> {
    int release(A aggregation, Object[] row, int offset);
  }

  private final A aggregation;
  /** The index of the values among a row's, or -1 when every row counts once. */
  private final int valueColumn;
  private final Ops<A> ops;

  private SummaryAccumulator(A aggregation, int valueColumn, Ops<A> ops) {
    this.aggregation = aggregation;
    this.valueColumn = valueColumn;
    this.ops = ops;
  }

  static SummaryAccumulator<Count> count(Count count) {
    return new SummaryAccumulator<>(count, -1, new Ops<>((c, value) -> c.increment(),
        c -> c.getSerializableSummary(), (c, summary) -> c.mergeWith(summary), (c, row, offset) -> {
          row[offset] = c.computeResult();
          ConfidenceInterval interval = c.computeConfidenceInterval(ALPHA);
          // Count's interval has integer bounds (rounded outward).
          row[offset + 1] = (long) interval.lowerBound();
          row[offset + 2] = (long) interval.upperBound();
          return offset + 3;
        }));
  }

  static SummaryAccumulator<BoundedSum> sum(BoundedSum sum, int valueColumn) {
    return new SummaryAccumulator<>(sum, valueColumn, new Ops<>((s, value) -> s.addEntry(value),
        s -> s.getSerializableSummary(), (s, summary) -> s.mergeWith(summary),
        (s, row, offset) -> put(row, offset, s.computeResult(), s.computeConfidenceInterval(ALPHA))));
  }

  static SummaryAccumulator<BoundedMean> mean(BoundedMean mean, int valueColumn) {
    return new SummaryAccumulator<>(mean, valueColumn, new Ops<>((m, value) -> m.addEntry(value),
        m -> m.getSerializableSummary(), (m, summary) -> m.mergeWith(summary),
        (m, row, offset) -> put(row, offset, m.computeResult(), m.computeConfidenceInterval(ALPHA))));
  }

  /** Writes a released value and its interval; the value is computed before the interval. */
  static int put(Object[] row, int offset, double value, ConfidenceInterval interval) {
    row[offset] = value;
    row[offset + 1] = interval.lowerBound();
    row[offset + 2] = interval.upperBound();
    return offset + 3;
  }

  @Override
  public void add(double[] values, int offset) {
    // pet-core ignores NaN (a missing value); a count counts the row.
    ops.add().accept(aggregation, valueColumn < 0 ? 0 : values[offset + valueColumn]);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void merge(OutputAccumulator other) {
    ops.merge().accept(aggregation, ops.summary().apply(((SummaryAccumulator<A>) other).aggregation));
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    byte[] summary = ops.summary().apply(aggregation);
    out.writeInt(summary.length);
    out.write(summary);
  }

  @Override
  public void mergeFrom(DataInputStream in) throws IOException {
    byte[] summary = new byte[in.readInt()];
    in.readFully(summary);
    ops.merge().accept(aggregation, summary);
  }

  @Override
  public int release(Object[] row, int offset) {
    return ops.release().release(aggregation, row, offset);
  }
}
