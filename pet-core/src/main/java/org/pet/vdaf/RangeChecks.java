package org.pet.vdaf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The pieces the draft's circuits share: encode_range_checked_int / decode_range_checked_int (the bit
 * encoding of Sum, SumVec and MultihotCountVec), and the ParallelSum(Mul) range check of SumVec, Histogram
 * and MultihotCountVec that every measurement element is 0 or 1, weighted by powers of the joint randomness.
 */
final class RangeChecks {

  private RangeChecks() {}

  static int bits(long maxMeasurement) {
    return 64 - Long.numberOfLeadingZeros(maxMeasurement);
  }

  /** encode_range_checked_int. */
  static <E extends FieldElement<E>> List<E> encode(Field<E> field, long value, long maxMeasurement) {
    if (value < 0 || value > maxMeasurement) {
      throw new IllegalArgumentException("measurement must be in [0, " + maxMeasurement + "], was " + value);
    }
    int bits = bits(maxMeasurement);
    long restAllOnes = (1L << (bits - 1)) - 1;
    long lastWeight = maxMeasurement - restAllOnes;
    long rest = value <= restAllOnes ? value : value - lastWeight;
    List<E> encoded = new ArrayList<>();
    for (int l = 0; l < bits - 1; l++) {
      encoded.add(field.of((rest >>> l) & 1));
    }
    encoded.add(value <= restAllOnes ? field.zero() : field.one());
    return encoded;
  }

  /** decode_range_checked_int: linear, so it applies to shares too. */
  static <E extends FieldElement<E>> E decode(Field<E> field, List<E> encoded, long maxMeasurement) {
    int bits = bits(maxMeasurement);
    long restAllOnes = (1L << (bits - 1)) - 1;
    long lastWeight = maxMeasurement - restAllOnes;
    E decoded = field.zero();
    for (int l = 0; l < bits - 1; l++) {
      decoded = decoded.add(field.of(BigInteger.ONE.shiftLeft(l)).mul(encoded.get(l)));
    }
    return decoded.add(field.of(lastWeight).mul(encoded.get(bits - 1)));
  }

  /** The number of ParallelSum calls covering {@code measLen} elements in chunks. */
  static int calls(int measLen, int chunkLength) {
    return (measLen + chunkLength - 1) / chunkLength;
  }

  /**
   * sum over chunks i of ParallelSum(Mul)(r_i^j x_j, x_j - 1/numShares): zero for bits, and with high
   * probability over the joint randomness r nonzero otherwise.
   */
  static <E extends FieldElement<E>> E parallelRangeCheck(Field<E> field, List<E> meas, List<E> jointRand,
      int numShares, int chunkLength, int calls, Gadget<E> gadget) {
    E out = field.zero();
    E sharesInverse = field.of(numShares).inv();
    for (int i = 0; i < calls; i++) {
      E r = jointRand.get(i);
      E power = r;
      List<E> inputs = new ArrayList<>(2 * chunkLength);
      for (int j = 0; j < chunkLength; j++) {
        int index = i * chunkLength + j;
        E element = index < meas.size() ? meas.get(index) : field.zero();
        inputs.add(power.mul(element));
        inputs.add(element.sub(sharesInverse));
        power = power.mul(r);
      }
      out = out.add(gadget.eval(field, inputs));
    }
    return out;
  }
}
