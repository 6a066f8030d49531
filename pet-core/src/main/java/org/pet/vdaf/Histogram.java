package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;

/**
 * The Histogram circuit of Prio3Histogram: a one-hot vector of {@code length} buckets, checked to be bits
 * (ParallelSum(Mul) over chunks, weighted by the joint randomness) that add up to one.
 */
final class Histogram<E extends FieldElement<E>> extends ChunkedRangeCheckCircuit<E, Integer> {

  private final int length;

  Histogram(Field<E> field, int length, int chunkLength) {
    super(field, checkedLength(length), 2, length, chunkLength);
    this.length = length;
  }

  private static int checkedLength(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("`length` must be >= 1, was " + length);
    }
    return length;
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    E rangeCheck = rangeCheck(meas, jointRand, numShares, gadgets);
    E sumCheck = field.of(numShares).inv().neg();
    for (E bucket : meas) {
      sumCheck = sumCheck.add(bucket);
    }
    return List.of(rangeCheck, sumCheck);
  }

  @Override
  List<E> encode(Integer measurement) {
    if (measurement < 0 || measurement >= length) {
      throw new IllegalArgumentException("bucket must be in [0, " + length + "), was " + measurement);
    }
    List<E> encoded = new ArrayList<>(field.zeros(length));
    encoded.set(measurement, field.one());
    return encoded;
  }

  @Override
  List<E> truncate(List<E> meas) {
    return meas;
  }

}
