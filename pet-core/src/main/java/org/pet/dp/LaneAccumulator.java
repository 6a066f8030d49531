package org.pet.dp;

import java.util.Arrays;
import java.util.stream.DoubleStream;

/**
 * The cheap path of entries into one or two {@link ExactSum}s, shared by {@link BoundedSum},
 * {@link BoundedMean} and {@link BoundedVariance}; it also counts the entries it accepts.
 *
 * <p>Entries are buffered; a full buffer (a chunk) is rounded to units and added element-wise into lanes
 * of doubles, lane j taking entry j of every chunk, by a subclass loop the JIT vectorises
 * ({@link #accumulate}). A lane holds a whole number of units and takes at most {@value #MAX_CHUNKS}
 * values of magnitude below 2^41 before the lanes are folded into the exact sums, so it stays below 2^51
 * and every lane addition is exact: the exact sums end up with the same integer, bit for bit, as adding
 * each entry's units on its own, in any order. The lanes are folded at the latest when a subclass reads a
 * sum ({@link #flush()}).
 *
 * <p>NaN entries are ignored. The single-entry path drops them before the buffer. The bulk path copies
 * {@value #SEGMENT_CHUNKS} chunks at a time without looking; a NaN among them makes a lane NaN, which the
 * fold that ends the segment sees: it then discards the segment's lanes and adds the segment again entry
 * by entry.
 *
 * <p>Memory: nothing until the first entry, then a buffer and one lane array per sum that grow with the
 * entries up to {@value #CHUNK} doubles each. Not thread-safe.
 */
abstract class LaneAccumulator {

  /** Entries per chunk: the largest buffer, and the number of lanes. */
  static final int CHUNK = 256;
  /** Chunks between two folds: a lane then holds at most 2^10 values below 2^41 in magnitude. */
  static final int MAX_CHUNKS = 1 << 10;
  /** Chunks per bulk segment: what a NaN entry makes the bulk path add again entry by entry. */
  static final int SEGMENT_CHUNKS = 16;
  private static final int FIRST_BUFFER = 16;

  private final ExactSum[] sums;
  private final double[][] lanes;
  private double[] buffer = new double[0];
  private int buffered;
  private int chunksInLanes;
  /** Entries accepted and no longer in the buffer. */
  private long count;

  /** @param sums the exact sums fed, in the order of {@link #accumulate}'s lane arrays */
  LaneAccumulator(ExactSum... sums) {
    this.sums = sums;
    this.lanes = new double[sums.length][0];
  }

  /**
   * Adds to {@code lanes[k][j]} the units ({@link ExactSum#units(double)}) that {@code entries[j]}
   * contributes to sum k, for every {@code j < length}; a NaN entry must make its lanes NaN (as
   * {@code units} does). Implement it as plain element-wise loops over j, so that the JIT vectorises them.
   */
  abstract void accumulate(double[] entries, int length, double[][] lanes);

  /** Adds one entry; NaN is ignored. */
  final void add(double entry) {
    if (Double.isNaN(entry)) {
      return;
    }
    if (buffered == buffer.length) {
      makeRoom();
    }
    buffer[buffered++] = entry;
  }

  /** Adds every entry; NaN entries are ignored. The same sums as {@link #add} for each, in bulk. */
  final void addAll(double[] entries) {
    if (entries.length < CHUNK) {
      for (double entry : entries) {
        add(entry);
      }
      return;
    }
    growTo(CHUNK);
    flush();
    int segment = CHUNK * SEGMENT_CHUNKS;
    for (int from = 0; from < entries.length; from += segment) {
      addSegment(entries, from, Math.min(entries.length, from + segment));
    }
  }

  /** Adds every entry of the stream, in encounter order on this thread; NaN entries are ignored. */
  final void addAll(DoubleStream entries) {
    entries.sequential().forEach(this::add);
  }

  /** Adds every entry; NaN entries are ignored. */
  final void addAll(Iterable<Double> entries) {
    for (double entry : entries) {
      add(entry);
    }
  }

  /** The number of entries accepted (NaN excluded), plus the merged counts. */
  final long count() {
    return count + buffered;
  }

  /** Adds a merged partial count. */
  final void mergeCount(long entries) {
    count = Math.addExact(count, entries);
  }

  /** Brings every buffered entry and every lane into the exact sums; call before reading a sum. */
  final void flush() {
    if (buffered > 0) {
      drain();
    }
    if (chunksInLanes > 0 && !fold()) {
      throw new AssertionError("a NaN entry reached the lanes by the single-entry path");
    }
  }

  /** With the lanes and the buffer empty: adds entries[from, to), by the lanes unless it holds a NaN. */
  private void addSegment(double[] entries, int from, int to) {
    for (int start = from; start < to; start += CHUNK) {
      int length = Math.min(CHUNK, to - start);
      System.arraycopy(entries, start, buffer, 0, length);
      accumulate(buffer, length, lanes);
      chunksInLanes++;
    }
    if (fold()) {
      count += to - from;
    } else {
      for (int i = from; i < to; i++) {
        add(entries[i]);
      }
      flush();
    }
  }

  private void makeRoom() {
    if (buffer.length < CHUNK) {
      growTo(Math.max(FIRST_BUFFER, 2 * buffer.length));
    } else {
      drain();
      if (chunksInLanes == MAX_CHUNKS) {
        flush();
      }
    }
  }

  /** Moves the buffered entries into the lanes. */
  private void drain() {
    accumulate(buffer, buffered, lanes);
    count += buffered;
    buffered = 0;
    chunksInLanes++;
  }

  private void growTo(int length) {
    if (buffer.length < length) {
      buffer = Arrays.copyOf(buffer, length);
      for (int k = 0; k < lanes.length; k++) {
        lanes[k] = Arrays.copyOf(lanes[k], length);
      }
    }
  }

  /**
   * Adds each lane array's total to its exact sum and empties the lanes; if a lane is NaN, adds nothing
   * and returns false.
   */
  private boolean fold() {
    chunksInLanes = 0;
    boolean clean = true;
    for (double[] lane : lanes) {
      for (double units : lane) {
        clean &= !Double.isNaN(units);
      }
    }
    for (int k = 0; k < lanes.length; k++) {
      if (clean) {
        long total = 0;
        for (double units : lanes[k]) {
          total += (long) units;
        }
        sums[k].addUnits(total);
      }
      Arrays.fill(lanes[k], 0);
    }
    return clean;
  }
}
