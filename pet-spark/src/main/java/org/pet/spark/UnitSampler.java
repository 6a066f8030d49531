package org.pet.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;

/**
 * Contribution bounding in one pass over one Spark partition's rows, sorted by (privacy unit, h1, values),
 * where (h1, h2) are Spark's 64-bit xxHash and 32-bit Murmur3 of (unit, group): each unit's rows are
 * adjacent, and within it each (unit, group)'s rows, except that groups whose h1 collides share one block
 * of rows (told apart here by their values, so the result is exact). Per unit it keeps at most L0 of its
 * groups, chosen uniformly at random, and per kept (unit, group) at most Linf of its rows, chosen uniformly
 * at random; each kept (unit, group) goes to the {@link Sink} once, when the unit ends.
 *
 * <ul>
 *   <li>Rows: a reservoir sample (Algorithm R) of Linf over the (unit, group)'s rows in value order, its
 *       coins from a generator seeded with {@code PRF(h1, h2, 1)}.</li>
 *   <li>Groups: the L0 groups of the unit with the smallest keys {@code PRF(h1, h2, 0)} (ties go to the
 *       earlier group).</li>
 * </ul>
 * Both choices are functions of the rows and the query's secret key ({@link SamplingPrf}), not of how the
 * rows were partitioned or ordered before the sort (rows with equal values are interchangeable), so a
 * retried task repeats them. The bounds hold whatever the keys. Memory: at most L0 samples of Linf rows,
 * plus the groups of one block; a unit's other rows stream through. Sorting by the hash rather than the
 * group columns keeps the sort's comparisons on numbers.
 *
 * <p>Input rows: {@code [unit, group_0.., value_0.. (double, nullable), h1 (long), h2 (int)]}. Missing
 * values reach the sink as NaN, which pet-core's aggregations ignore (the row still counts). Not
 * thread-safe.
 */
final class UnitSampler implements PartitionPass.Stage {

  /** Receives each kept (unit, group): its group and its kept rows' values. */
  @FunctionalInterface
  interface Sink {
    /**
     * @param values {@code rows} rows of {@code stride} values each, row after row
     */
    void accept(GroupKey group, double[] values, int rows);
  }

  /** One (unit, group)'s sample, a candidate for the unit's L0 groups. */
  private final class Run {
    final GroupKey group;
    final long key;
    final long order;
    /** The sample, or null when the run cannot be among the unit's L0 groups: its rows are skipped. */
    final double[] values;
    final long h1;
    final int h2;
    /** The coins, drawn only once the run has more than Linf rows. */
    SplittableRandom coins;
    long seen;
    int rows;

    Run(GroupKey group, long key, long order, boolean sampled, long h1, int h2) {
      this.group = group;
      this.key = key;
      this.order = order;
      this.values = sampled ? new double[maxContributions * stride] : null;
      this.h1 = h1;
      this.h2 = h2;
    }

    void offer(Row row) {
      seen++;
      if (values == null) {
        return;
      }
      int slot;
      if (seen <= maxContributions) {
        slot = (int) seen - 1;
        rows++;
      } else {
        if (coins == null) {
          coins = new SplittableRandom(prf.apply(h1, h2, 1));
        }
        long j = coins.nextLong(seen);
        if (j >= maxContributions) {
          return;
        }
        slot = (int) j;
      }
      int from = 1 + groups;
      for (int i = 0; i < stride; i++) {
        values[slot * stride + i] = row.isNullAt(from + i) ? Double.NaN : row.getDouble(from + i);
      }
    }
  }

  /** The candidate to evict first: the largest key, then the latest. */
  private static final Comparator<Run> WORST_FIRST =
      Comparator.<Run>comparingLong(r -> r.key).thenComparingLong(r -> r.order).reversed();

  private final int groups;
  private final int stride;
  private final int hashes;
  private final int maxGroups;
  private final int maxContributions;
  private final SamplingPrf prf;
  private final Sink sink;
  private final PriorityQueue<Run> chosen = new PriorityQueue<>(WORST_FIRST);
  /** The runs of the current block (rows of one unit with one h1): almost always one. */
  private final List<Run> block = new ArrayList<>(1);

  private Object unit;
  private boolean inUnit;
  private long blockHash;
  private Run run;
  private long runs;

  UnitSampler(int groups, int values, int maxGroups, int maxContributions, SamplingPrf prf, Sink sink) {
    this.groups = groups;
    this.stride = values;
    this.hashes = 1 + groups + values;
    this.maxGroups = maxGroups;
    this.maxContributions = maxContributions;
    this.prf = prf;
    this.sink = sink;
  }

  /** Adds the next row of the sorted partition. */
  @Override
  public void add(Row row) {
    Object rowUnit = row.get(0);
    long h1 = row.getLong(hashes);
    if (!inUnit || !Objects.deepEquals(unit, rowUnit)) {
      endUnit();
      unit = rowUnit;
      inUnit = true;
      startBlock(row, h1);
    } else if (h1 != blockHash) {
      endBlock();
      startBlock(row, h1);
    } else if (!run.group.matches(row, 1)) {
      run = null;
      for (Run other : block) {
        if (other.group.matches(row, 1)) {
          run = other;
        }
      }
      if (run == null) {
        run = newRun(row, h1);
      }
    }
    run.offer(row);
  }

  /** Ends the partition: the last unit's groups go to the sink. */
  @Override
  public void finish() {
    endUnit();
    inUnit = false;
  }

  private void startBlock(Row row, long h1) {
    blockHash = h1;
    run = newRun(row, h1);
  }

  private Run newRun(Row row, long h1) {
    int h2 = row.getInt(hashes + 1);
    long key = prf.apply(h1, h2, 0);
    Run worst = chosen.peek();
    // A run that would be evicted at once is not sampled.
    boolean sampled = chosen.size() < maxGroups || key < worst.key;
    Run created = new Run(GroupKey.of(row, 1, groups), key, runs++, sampled, h1, h2);
    block.add(created);
    return created;
  }

  private void endBlock() {
    for (Run ended : block) {
      if (ended.values != null) {
        chosen.add(ended);
        if (chosen.size() > maxGroups) {
          chosen.poll();
        }
      }
    }
    block.clear();
    run = null;
  }

  private void endUnit() {
    if (!inUnit) {
      return;
    }
    endBlock();
    for (Run kept : chosen) {
      sink.accept(kept.group, kept.values, kept.rows);
    }
    chosen.clear();
  }
}
