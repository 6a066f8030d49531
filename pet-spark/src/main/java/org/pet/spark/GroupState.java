package org.pet.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The un-noised partial state of one group: the number of distinct privacy units that contributed (for
 * partition selection) and one accumulator per output. Partial states of the same group from different
 * Spark partitions merge by addition; {@link #release} then selects and noises the group once. Not
 * thread-safe, not private (keep it within the cluster).
 *
 * <p><b>Input</b>: each kept (privacy unit, group) once, with its bounded rows' values ({@link UnitSampler}),
 * NaN where missing.
 */
final class GroupState {

  private final List<OutputAccumulator> outputs;
  private long units;

  GroupState(List<OutputAccumulator> outputs) {
    this.outputs = outputs;
  }

  /** Adds one privacy unit's bounded rows: {@code rows} rows of {@code stride} values, row after row. */
  void addUnit(double[] values, int rows, int stride) {
    units++;
    for (int row = 0; row < rows; row++) {
      for (OutputAccumulator output : outputs) {
        output.add(values, row * stride);
      }
    }
  }

  /** Adds the state of the same group from elsewhere; {@code other} is consumed. */
  void merge(GroupState other) {
    units = Math.addExact(units, other.units);
    for (int i = 0; i < outputs.size(); i++) {
      outputs.get(i).merge(other.outputs.get(i));
    }
  }

  /** The state as bytes (pet-core summaries, or buffered quantile values); this state is consumed. */
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(units);
      for (OutputAccumulator output : outputs) {
        output.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Adds a state written by {@link #toBytes()} for the same query. */
  void mergeFrom(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      units = Math.addExact(units, in.readLong());
      for (OutputAccumulator output : outputs) {
        output.mergeFrom(in);
      }
      if (in.available() > 0) {
        throw new IllegalStateException("trailing bytes in a group state");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Selects and releases the group: under the optimal keep probability a coin decides from the number of
   * units before anything is noised; then every output is noised; under the threshold strategy the group is
   * kept only if its first count passes. A group that is not kept releases only {@code _kept = false}.
   */
  Row release(QuerySpec spec, RandomGenerator coin) {
    Object[] row = new Object[spec.releasedSchema().size()];
    row[0] = false;
    if (!spec.split().keepsUnits(units, coin)) {
      return RowFactory.create(row);
    }
    int offset = 1;
    for (OutputAccumulator output : outputs) {
      offset = output.release(row, offset);
    }
    int count = spec.firstCountPosition();
    if (count >= 0 && !spec.split().keepsCount((Long) row[count])) {
      return RowFactory.create(dropped(row));
    }
    row[0] = true;
    return RowFactory.create(row);
  }

  private static Object[] dropped(Object[] row) {
    Object[] empty = new Object[row.length];
    empty[0] = false;
    return empty;
  }
}
