package org.pet.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The un-noised partial state of one output for one group, around a pet-core aggregation: rows in,
 * partial states merged (through pet-core's summaries), then released once. Not thread-safe; the state is
 * not private and must stay within the data holder's cluster.
 */
interface OutputAccumulator {

  /** The interval level of every released value: 95%. */
  double ALPHA = 0.05;

  /**
   * Adds one bounded row, whose values start at {@code values[offset]} (in the query's value-column
   * order; NaN where missing).
   */
  void add(double[] values, int offset);

  /** Adds the state of an accumulator of the same output; {@code other} is consumed. */
  void merge(OutputAccumulator other);

  /** Writes the state for {@link #mergeFrom}; afterwards this accumulator is consumed. */
  void writeTo(DataOutputStream out) throws IOException;

  /** Adds a state written by {@link #writeTo} for the same output. */
  void mergeFrom(DataInputStream in) throws IOException;

  /**
   * Releases the noisy value(s), each followed by its 95% interval's bounds, into {@code row} from
   * {@code offset}.
   *
   * @return the offset after the last column written
   */
  int release(Object[] row, int offset);
}
