package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pet.dp.ExactAccumulationProperties.Bounds;
import org.pet.dp.ExactSumReference.Kind;

/** The fold thresholds of {@link LaneAccumulator} and the one-shot lifecycle of the bulk entry paths. */
class ExactAccumulationTest {

  /** More entries than one fold of the lanes takes, so the single-entry path folds twice before the read. */
  private static final int BEYOND_TWO_FOLDS = 2 * LaneAccumulator.MAX_CHUNKS * LaneAccumulator.CHUNK + 12_345;

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"SUM", "VARIANCE"})
  void everyPath_pastTheFoldThreshold_givesTheReferenceState(Kind kind) {
    Bounds bounds = new Bounds(-20, 120);
    double[] entries = ExactAccumulationProperties.entries(bounds, BEYOND_TWO_FOLDS, 7, 1e-5);
    ExactAccumulationProperties.checkEveryPath(kind, bounds, entries, null, 7);
  }

  /**
   * Entries of the largest magnitude in units (2^41 - 1, odd), enough that a lane would pass 2^53 and
   * round if the single-entry path did not fold its lanes in time.
   */
  @Test
  void singleEntryPath_lanesAtTheirLargest_stayExact() {
    Bounds bounds = new Bounds(-(0x1p41 - 1), 0x1p40 + 0.75);
    double[] entries = new double[(4 * LaneAccumulator.MAX_CHUNKS + 1) * LaneAccumulator.CHUNK + 77];
    Arrays.fill(entries, Double.NEGATIVE_INFINITY);
    entries[12] = 1e300;
    ExactAccumulationProperties.checkEveryPath(Kind.SUM, bounds, entries, null, 8);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bulkAndStreamAdds_afterTheResult_throwAndAddNothing(Kind kind) {
    SummingAggregation aggregation = filled(kind);
    kind.release(aggregation);
    checkRefusedAndUnchanged(aggregation, "released once");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bulkAndStreamAdds_afterTheSummary_throwAndAddNothing(Kind kind) {
    SummingAggregation aggregation = filled(kind);
    aggregation.getSerializableSummary();
    checkRefusedAndUnchanged(aggregation, "serialized");
  }

  private static SummingAggregation filled(Kind kind) {
    SummingAggregation aggregation = kind.build(0, 10, new RecordingNoise());
    aggregation.addEntries(new SplittableRandom(3).doubles(1000, -5, 15).toArray());
    aggregation.addEntry(4.5);
    return aggregation;
  }

  private static void checkRefusedAndUnchanged(SummingAggregation aggregation, String reason) {
    long[] before = aggregation.longState();
    double[] many = new SplittableRandom(4).doubles(5000, 0, 10).toArray();
    AtomicInteger consumed = new AtomicInteger();

    assertThatThrownBy(() -> aggregation.addEntries(many)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(reason);
    assertThatThrownBy(() -> aggregation.addEntries(new double[] {1, 2})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> aggregation.addEntries(DoubleStream.of(many).peek(x -> consumed.incrementAndGet())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(reason);
    assertThatThrownBy(() -> aggregation.addEntries(List.of(1.0, 2.0))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> aggregation.addEntries(List.of())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> aggregation.addEntry(1)).isInstanceOf(IllegalStateException.class);

    assertThat(consumed).hasValue(0);
    assertThat(aggregation.longState()).containsExactly(before);
  }
}
