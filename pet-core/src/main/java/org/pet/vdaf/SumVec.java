package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;

/**
 * The SumVec circuit of Prio3SumVec: a vector of {@code length} integers in [0, max_measurement], each bit
 * encoded as in Sum, range-checked by ParallelSum(Mul) calls over chunks of {@code chunkLength} elements
 * weighted by powers of the joint randomness.
 */
final class SumVec<E extends FieldElement<E>> extends ChunkedRangeCheckCircuit<E, List<Long>> {

  private final int length;
  private final long maxMeasurement;
  private final int bits;

  SumVec(Field<E> field, int length, long maxMeasurement, int chunkLength) {
    super(field, checkedLength(length, maxMeasurement) * RangeChecks.bits(maxMeasurement), 1, length, chunkLength);
    this.length = length;
    this.maxMeasurement = maxMeasurement;
    this.bits = RangeChecks.bits(maxMeasurement);
  }

  private static int checkedLength(int length, long maxMeasurement) {
    if (length < 1 || maxMeasurement < 1) {
      throw new IllegalArgumentException("`length` and `maxMeasurement` must be >= 1, were " + length + ", "
          + maxMeasurement);
    }
    return length;
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    return List.of(rangeCheck(meas, jointRand, numShares, gadgets));
  }

  @Override
  List<E> encode(List<Long> measurement) {
    if (measurement.size() != length) {
      throw new IllegalArgumentException("measurement must have " + length + " elements, had " + measurement.size());
    }
    List<E> encoded = new ArrayList<>();
    for (long value : measurement) {
      encoded.addAll(RangeChecks.encode(field, value, maxMeasurement));
    }
    return encoded;
  }

  @Override
  List<E> truncate(List<E> meas) {
    List<E> truncated = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      truncated.add(RangeChecks.decode(field, meas.subList(i * bits, (i + 1) * bits), maxMeasurement));
    }
    return truncated;
  }

}
