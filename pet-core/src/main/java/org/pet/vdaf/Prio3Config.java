package org.pet.vdaf;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which Prio3 instance a task runs, with its parameters: the value both aggregators and every client agree
 * on. Unused parameters are 0.
 *
 * @param type the instance
 * @param maxMeasurement Prio3Sum and Prio3SumVec: the largest value of a measurement (or element);
 *     Prio3MultihotCountVec: the largest number of true elements (max_weight)
 * @param length Prio3SumVec, Prio3Histogram, Prio3MultihotCountVec: the vector length or bucket count
 * @param chunkLength Prio3SumVec, Prio3Histogram, Prio3MultihotCountVec: the ParallelSum chunk length
 */
public record Prio3Config(Type type, long maxMeasurement, int length, int chunkLength) {

  /** The draft's Prio3 instances, by the names the draft gives them. */
  public enum Type {
    COUNT("Prio3Count"), SUM("Prio3Sum"), SUM_VEC("Prio3SumVec"), HISTOGRAM("Prio3Histogram"),
    MULTIHOT_COUNT_VEC("Prio3MultihotCountVec");

    private final String draftName;

    Type(String draftName) {
      this.draftName = draftName;
    }

    /** The draft's name, e.g. {@code Prio3Sum}. */
    public String draftName() {
      return draftName;
    }

    /**
     * The instance with this draft name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known instances
     */
    public static Type byName(String name) {
      for (Type type : values()) {
        if (type.draftName.equalsIgnoreCase(name)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown VDAF `" + name + "`; known: "
          + Arrays.stream(values()).map(Type::draftName).toList());
    }
  }

  /** The longest vector a task may aggregate (bounds the work one report costs an aggregator). */
  public static final int MAX_LENGTH = 100_000;

  /** @throws IllegalArgumentException naming the first parameter out of range for the type */
  public Prio3Config {
    java.util.Objects.requireNonNull(type, "type");
    boolean vector = type != Type.COUNT && type != Type.SUM;
    boolean bounded = type == Type.SUM || type == Type.SUM_VEC || type == Type.MULTIHOT_COUNT_VEC;
    if (bounded && maxMeasurement < 1) {
      throw new IllegalArgumentException("`" + (type == Type.MULTIHOT_COUNT_VEC ? "maxWeight" : "maxMeasurement")
          + "` must be >= 1 for " + type.draftName + ", was " + maxMeasurement);
    }
    if (!bounded && maxMeasurement != 0) {
      throw new IllegalArgumentException("`maxMeasurement` does not apply to " + type.draftName);
    }
    if (type == Type.SUM && maxMeasurement >= Field64.P >>> 1 >>> 1) {
      throw new IllegalArgumentException("`maxMeasurement` must be below 2^62 for Prio3Sum, was " + maxMeasurement);
    }
    if (type == Type.SUM_VEC && maxMeasurement > (1L << 40)) {
      throw new IllegalArgumentException("`maxMeasurement` must be at most 2^40 for Prio3SumVec, was "
          + maxMeasurement);
    }
    if (vector) {
      if (length < 1 || length > MAX_LENGTH) {
        throw new IllegalArgumentException("`length` must be in [1, " + MAX_LENGTH + "] for " + type.draftName
            + ", was " + length);
      }
      if (chunkLength < 1 || chunkLength > MAX_LENGTH) {
        throw new IllegalArgumentException("`chunkLength` must be in [1, " + MAX_LENGTH + "] for " + type.draftName
            + ", was " + chunkLength);
      }
      if (type == Type.MULTIHOT_COUNT_VEC && maxMeasurement > length) {
        throw new IllegalArgumentException("`maxWeight` must be at most `length` (" + length + "), was "
            + maxMeasurement);
      }
    } else if (length != 0 || chunkLength != 0) {
      throw new IllegalArgumentException("`length` and `chunkLength` do not apply to " + type.draftName);
    }
  }

  public static Prio3Config count() {
    return new Prio3Config(Type.COUNT, 0, 0, 0);
  }

  public static Prio3Config sum(long maxMeasurement) {
    return new Prio3Config(Type.SUM, maxMeasurement, 0, 0);
  }

  public static Prio3Config sumVec(int length, long maxMeasurement, int chunkLength) {
    return new Prio3Config(Type.SUM_VEC, maxMeasurement, length, chunkLength);
  }

  public static Prio3Config histogram(int length, int chunkLength) {
    return new Prio3Config(Type.HISTOGRAM, 0, length, chunkLength);
  }

  public static Prio3Config multihotCountVec(int length, long maxWeight, int chunkLength) {
    return new Prio3Config(Type.MULTIHOT_COUNT_VEC, maxWeight, length, chunkLength);
  }

  /** How many integers a measurement is given as (see {@link TwoAggregatorPrio3#shard}). */
  public int measurementInputs() {
    return type == Type.SUM_VEC || type == Type.MULTIHOT_COUNT_VEC ? length : 1;
  }

  /** The length of the aggregate: 1 for Count and Sum, {@code length} otherwise. */
  public int outputLength() {
    return type == Type.COUNT || type == Type.SUM ? 1 : length;
  }

  /**
   * The L1 norm by which adding or removing one report can change the aggregate: 1 (Count, Histogram),
   * maxMeasurement (Sum), length * maxMeasurement (SumVec), maxWeight (MultihotCountVec).
   */
  public double l1Sensitivity() {
    return switch (type) {
      case COUNT, HISTOGRAM -> 1;
      case SUM, MULTIHOT_COUNT_VEC -> maxMeasurement;
      case SUM_VEC -> (double) length * maxMeasurement;
    };
  }

  /**
   * The L2 norm by which adding or removing one report can change the aggregate: 1 (Count, Histogram),
   * maxMeasurement (Sum), sqrt(length) * maxMeasurement (SumVec), sqrt(maxWeight) (MultihotCountVec).
   */
  public double l2Sensitivity() {
    return switch (type) {
      case COUNT, HISTOGRAM -> 1;
      case SUM -> maxMeasurement;
      case SUM_VEC -> Math.sqrt(length) * maxMeasurement;
      case MULTIHOT_COUNT_VEC -> Math.sqrt(maxMeasurement);
    };
  }

  /** E.g. {@code Prio3Histogram(length=100, chunkLength=10)}. */
  @Override
  public String toString() {
    return switch (type) {
      case COUNT -> type.draftName;
      case SUM -> type.draftName + "(maxMeasurement=" + maxMeasurement + ")";
      case SUM_VEC -> type.draftName + String.format(Locale.ROOT, "(length=%d, maxMeasurement=%d, chunkLength=%d)",
          length, maxMeasurement, chunkLength);
      case HISTOGRAM -> type.draftName + "(length=" + length + ", chunkLength=" + chunkLength + ")";
      case MULTIHOT_COUNT_VEC -> type.draftName + "(length=" + length + ", maxWeight=" + maxMeasurement
          + ", chunkLength=" + chunkLength + ")";
    };
  }
}
