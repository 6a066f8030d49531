package org.pet.dp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The serialized partial state of an aggregation, for merging partial aggregates from several workers
 * before noise is added. Layout: a type tag, the parameters (epsilon, delta, mechanism, L0, Linf, lower,
 * upper, and aggregation-specific integers), then the un-noised state as longs and doubles. Merging checks
 * that the parameters are identical. The summary is un-noised: it must only travel between trusted
 * workers of one data holder.
 */
final class AggregationSummary {

  private final String type;
  private final AggregationParameters parameters;
  private final int[] extra;
  private final long[] longs;
  private final double[] doubles;

  AggregationSummary(String type, AggregationParameters parameters, int[] extra, long[] longs, double[] doubles) {
    this.type = type;
    this.parameters = parameters;
    this.extra = extra;
    this.longs = longs;
    this.doubles = doubles;
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeHeader(out, type, parameters, extra);
      out.writeInt(longs.length);
      for (long value : longs) {
        out.writeLong(value);
      }
      out.writeInt(doubles.length);
      for (double value : doubles) {
        out.writeDouble(value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeHeader(DataOutputStream out, String type, AggregationParameters p, int[] extra)
      throws IOException {
    out.writeUTF(type);
    out.writeDouble(p.epsilon());
    out.writeDouble(p.delta());
    out.writeUTF(p.noise().getMechanismType().name());
    out.writeInt(p.maxPartitionsContributed());
    out.writeInt(p.maxContributionsPerPartition());
    out.writeDouble(p.lower());
    out.writeDouble(p.upper());
    out.writeInt(extra.length);
    for (int value : extra) {
      out.writeInt(value);
    }
  }

  /**
   * Parses a summary of an aggregation with exactly these parameters and returns its state.
   *
   * @throws IllegalArgumentException if the bytes are malformed, of another aggregation type, or of
   *     different parameters
   */
  static AggregationSummary parse(byte[] summary, String type, AggregationParameters parameters, int[] extra) {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(expected)) {
      writeHeader(out, type, parameters, extra);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] header = expected.toByteArray();
    if (summary.length < header.length || !java.util.Arrays.equals(summary, 0, header.length, header, 0, header.length)) {
      throw new IllegalArgumentException(
          "cannot merge: the summary is not from a " + type + " with identical parameters");
    }
    try (DataInputStream in = new DataInputStream(
        new ByteArrayInputStream(summary, header.length, summary.length - header.length))) {
      long[] longs = new long[checkedLength(in.readInt(), summary.length)];
      for (int i = 0; i < longs.length; i++) {
        longs[i] = in.readLong();
      }
      double[] doubles = new double[checkedLength(in.readInt(), summary.length)];
      for (int i = 0; i < doubles.length; i++) {
        doubles[i] = in.readDouble();
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("cannot merge: trailing bytes in the summary");
      }
      return new AggregationSummary(type, parameters, extra, longs, doubles);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot merge: truncated summary", e);
    }
  }

  private static int checkedLength(int length, int available) {
    if (length < 0 || length > available) {
      throw new IllegalArgumentException("cannot merge: malformed summary");
    }
    return length;
  }

  long[] longs() {
    return longs;
  }

  double[] doubles() {
    return doubles;
  }
}
