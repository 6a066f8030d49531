package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;

/**
 * The SumVec circuit of Prio3SumVec: a vector of {@code length} integers in [0, max_measurement], each bit
 * encoded as in Sum, range-checked by ParallelSum(Mul) calls over chunks of {@code chunkLength} elements
 * weighted by powers of the joint randomness.
 */
final class SumVec<E extends FieldElement<E>> extends ValidityCircuit<E, List<Long>, List<Long>> {

  private final int length;
  private final long maxMeasurement;
  private final int bits;
  private final int chunkLength;
  private final int calls;
  private final List<Gadget<E>> gadgets;

  SumVec(Field<E> field, int length, long maxMeasurement, int chunkLength) {
    super(field);
    if (length < 1 || maxMeasurement < 1 || chunkLength < 1) {
      throw new IllegalArgumentException("`length`, `maxMeasurement` and `chunkLength` must be >= 1, were "
          + length + ", " + maxMeasurement + ", " + chunkLength);
    }
    this.length = length;
    this.maxMeasurement = maxMeasurement;
    this.bits = RangeChecks.bits(maxMeasurement);
    this.chunkLength = chunkLength;
    this.calls = RangeChecks.calls(length * bits, chunkLength);
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
    return length * bits;
  }

  @Override
  int jointRandLen() {
    return calls;
  }

  @Override
  int evalOutputLen() {
    return 1;
  }

  @Override
  int outputLen() {
    return length;
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    return List.of(RangeChecks.parallelRangeCheck(field, meas, jointRand, numShares, chunkLength, calls, gadgets.get(0)));
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

  @Override
  List<Long> decode(List<E> output, int numMeasurements) {
    return output.stream().map(x -> x.toBigInteger().longValueExact()).toList();
  }
}
