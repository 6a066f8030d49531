package org.pet.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.pet.dp.BoundedQuantiles;

/**
 * A quantiles output backed by a pet-core {@link BoundedQuantiles}. Its tree is dense (a count per leaf,
 * 65,536 by default), too large to build for every (Spark partition, group) pair, so a partial state
 * holds its values until there are {@value #MAX_BUFFERED} of them and only then feeds them into a tree;
 * buffered values travel as values, trees as pet-core summaries merged with {@code mergeWith}. Either way
 * every value reaches a tree through {@link BoundedQuantiles#addEntry}, so binning, merging and release are
 * pet-core's. NaN values are ignored, as pet-core ignores them.
 */
final class QuantilesAccumulator implements OutputAccumulator {

  /** Values buffered before switching to a tree (64 KiB of doubles, an eighth of the default tree). */
  static final int MAX_BUFFERED = 8192;

  private final Supplier<BoundedQuantiles> newTree;
  private final List<Double> ranks;
  private final int valueColumn;
  private double[] buffered = new double[8];
  private int size;
  private BoundedQuantiles tree;

  QuantilesAccumulator(Supplier<BoundedQuantiles> newTree, List<Double> ranks, int valueColumn) {
    this.newTree = newTree;
    this.ranks = ranks;
    this.valueColumn = valueColumn;
  }

  @Override
  public void add(double[] values, int offset) {
    add(values[offset + valueColumn]);
  }

  private void add(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    if (tree != null) {
      tree.addEntry(value);
      return;
    }
    if (size == buffered.length) {
      if (size >= MAX_BUFFERED) {
        tree().addEntry(value);
        return;
      }
      buffered = Arrays.copyOf(buffered, Math.min(MAX_BUFFERED, 2 * size));
    }
    buffered[size++] = value;
  }

  /** The tree, built from the buffered values on first use. */
  private BoundedQuantiles tree() {
    if (tree == null) {
      tree = newTree.get();
      for (int i = 0; i < size; i++) {
        tree.addEntry(buffered[i]);
      }
      buffered = null;
      size = 0;
    }
    return tree;
  }

  @Override
  public void merge(OutputAccumulator other) {
    QuantilesAccumulator partial = (QuantilesAccumulator) other;
    if (partial.tree != null) {
      tree().mergeWith(partial.tree.getSerializableSummary());
    } else {
      for (int i = 0; i < partial.size; i++) {
        add(partial.buffered[i]);
      }
    }
  }

  @Override
  public void writeTo(DataOutputStream out) throws IOException {
    out.writeBoolean(tree != null);
    if (tree != null) {
      byte[] summary = tree.getSerializableSummary();
      out.writeInt(summary.length);
      out.write(summary);
      return;
    }
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeDouble(buffered[i]);
    }
  }

  @Override
  public void mergeFrom(DataInputStream in) throws IOException {
    if (in.readBoolean()) {
      byte[] summary = new byte[in.readInt()];
      in.readFully(summary);
      tree().mergeWith(summary);
      return;
    }
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      add(in.readDouble());
    }
  }

  @Override
  public int release(Object[] row, int offset) {
    BoundedQuantiles quantiles = tree();
    int next = offset;
    for (double rank : ranks) {
      double value = quantiles.computeResult(rank);
      next = SummaryAccumulator.put(row, next, value, quantiles.computeConfidenceInterval(rank, ALPHA));
    }
    return next;
  }
}
