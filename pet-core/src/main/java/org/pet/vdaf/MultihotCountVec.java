package org.pet.vdaf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The MultihotCountVec circuit of Prio3MultihotCountVec: a vector of {@code length} booleans with at most
 * {@code maxWeight} set, sent with its weight bit-encoded as in Sum; every entry and weight bit is checked
 * to be a bit (ParallelSum(Mul), joint randomness) and the entries must add up to the reported weight.
 */
final class MultihotCountVec<E extends FieldElement<E>> extends ValidityCircuit<E, List<Boolean>, List<Long>> {

  private final int length;
  private final long maxWeight;
  private final int bitsForWeight;
  private final int chunkLength;
  private final int calls;
  private final List<Gadget<E>> gadgets;

  MultihotCountVec(Field<E> field, int length, long maxWeight, int chunkLength) {
    super(field);
    if (length < 1 || maxWeight < 1 || maxWeight > length || chunkLength < 1) {
      throw new IllegalArgumentException("need length >= 1, 1 <= maxWeight <= length and chunkLength >= 1, were "
          + length + ", " + maxWeight + ", " + chunkLength);
    }
    if (field.modulus().compareTo(BigInteger.valueOf(length)) <= 0) {
      throw new IllegalArgumentException("length is too large for the current field size");
    }
    this.length = length;
    this.maxWeight = maxWeight;
    this.bitsForWeight = RangeChecks.bits(maxWeight);
    this.chunkLength = chunkLength;
    this.calls = RangeChecks.calls(length + bitsForWeight, chunkLength);
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
    return length + bitsForWeight;
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
    E weight = field.zero();
    for (E entry : meas.subList(0, length)) {
      weight = weight.add(entry);
    }
    E reported = RangeChecks.decode(field, meas.subList(length, meas.size()), maxWeight);
    return List.of(rangeCheck, weight.sub(reported));
  }

  @Override
  List<E> encode(List<Boolean> measurement) {
    if (measurement.size() != length) {
      throw new IllegalArgumentException("invalid Client measurement length: " + measurement.size() + ", expected " + length);
    }
    List<E> encoded = new ArrayList<>();
    long weight = 0;
    for (boolean entry : measurement) {
      encoded.add(entry ? field.one() : field.zero());
      weight += entry ? 1 : 0;
    }
    encoded.addAll(RangeChecks.encode(field, weight, maxWeight));
    return encoded;
  }

  @Override
  List<E> truncate(List<E> meas) {
    return meas.subList(0, length);
  }

  @Override
  List<Long> decode(List<E> output, int numMeasurements) {
    return output.stream().map(x -> x.toBigInteger().longValueExact()).toList();
  }
}
