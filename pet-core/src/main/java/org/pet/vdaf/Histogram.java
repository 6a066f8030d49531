package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;

/**
 * The Histogram circuit of Prio3Histogram: a one-hot vector of {@code length} buckets, checked to be bits
 * (ParallelSum(Mul) over chunks, weighted by the joint randomness) that add up to one.
 */
final class Histogram<E extends FieldElement<E>> extends ValidityCircuit<E, Integer, List<Long>> {

  private final int length;
  private final int chunkLength;
  private final int calls;
  private final List<Gadget<E>> gadgets;

  Histogram(Field<E> field, int length, int chunkLength) {
    super(field);
    if (length < 1 || chunkLength < 1) {
      throw new IllegalArgumentException("`length` and `chunkLength` must be >= 1, were " + length + ", " + chunkLength);
    }
    this.length = length;
    this.chunkLength = chunkLength;
    this.calls = RangeChecks.calls(length, chunkLength);
    this.gadgets = List.of(new Gadget.ParallelSum<E>(new Gadget.Mul<E>(), chunkLength));
  }

  @Override
  List<Gadget<E>> gadgets() {
    return gadgets;
  }

  @Override
  List<Integer> gadgetCalls() {
    return List.of(calls);
  }

  @Override
  int measLen() {
    return length;
  }

  @Override
  int jointRandLen() {
    return calls;
  }

  @Override
  int evalOutputLen() {
    return 2;
  }

  @Override
  int outputLen() {
    return length;
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    E rangeCheck = RangeChecks.parallelRangeCheck(field, meas, jointRand, numShares, chunkLength, calls, gadgets.get(0));
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

  @Override
  List<Long> decode(List<E> output, int numMeasurements) {
    return output.stream().map(x -> x.toBigInteger().longValueExact()).toList();
  }
}
