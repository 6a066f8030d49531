package org.pet.vdaf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The MultihotCountVec circuit of Prio3MultihotCountVec: a vector of {@code length} booleans with at most
 * {@code maxWeight} set, sent with its weight bit-encoded as in Sum; every entry and weight bit is checked
 * to be a bit (ParallelSum(Mul), joint randomness) and the entries must add up to the reported weight.
 */
final class MultihotCountVec<E extends FieldElement<E>> extends ChunkedRangeCheckCircuit<E, List<Boolean>> {

  private final int length;
  private final long maxWeight;

  MultihotCountVec(Field<E> field, int length, long maxWeight, int chunkLength) {
    super(field, checkedMeasLen(field, length, maxWeight), 2, length, chunkLength);
    this.length = length;
    this.maxWeight = maxWeight;
  }

  private static int checkedMeasLen(Field<?> field, int length, long maxWeight) {
    if (length < 1 || maxWeight < 1 || maxWeight > length) {
      throw new IllegalArgumentException("need length >= 1 and 1 <= maxWeight <= length, were " + length + ", "
          + maxWeight);
    }
    if (field.modulus().compareTo(BigInteger.valueOf(length)) <= 0) {
      throw new IllegalArgumentException("length is too large for the current field size");
    }
    return length + RangeChecks.bits(maxWeight);
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    E rangeCheck = rangeCheck(meas, jointRand, numShares, gadgets);
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

}
