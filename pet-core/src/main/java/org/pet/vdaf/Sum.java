package org.pet.vdaf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sum circuit of Prio3Sum: an integer in [0, max_measurement] encoded as bits whose weights are powers of
 * two except the last, which makes them add up to max_measurement; each bit is checked with PolyEval(x^2 - x).
 */
final class Sum<E extends FieldElement<E>> extends ValidityCircuit<E, Long, Long> {

  private final long maxMeasurement;
  private final int bits;
  private final List<Gadget<E>> gadgets;

  Sum(Field<E> field, long maxMeasurement) {
    super(field);
    if (maxMeasurement <= 0 || BigInteger.valueOf(maxMeasurement).compareTo(field.modulus()) >= 0) {
      throw new IllegalArgumentException("`maxMeasurement` must be in [1, p), was " + maxMeasurement);
    }
    this.maxMeasurement = maxMeasurement;
    this.bits = 64 - Long.numberOfLeadingZeros(maxMeasurement);
    this.gadgets = List.of(new Gadget.PolyEval<>(List.of(0L, -1L, 1L), bits));
  }

  @Override
  List<Gadget<E>> gadgets() {
    return gadgets;
  }

  @Override
  List<Integer> gadgetCalls() {
    return List.of(bits);
  }

  @Override
  int measLen() {
    return bits;
  }

  @Override
  int jointRandLen() {
    return 0;
  }

  @Override
  int evalOutputLen() {
    return bits;
  }

  @Override
  int outputLen() {
    return 1;
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    List<E> out = new ArrayList<>();
    for (E b : meas) {
      out.add(gadgets.get(0).eval(field, List.of(b)));
    }
    return out;
  }

  /** encode_range_checked_int. */
  @Override
  List<E> encode(Long measurement) {
    if (measurement < 0 || measurement > maxMeasurement) {
      throw new IllegalArgumentException("measurement must be in [0, " + maxMeasurement + "], was " + measurement);
    }
    long restAllOnes = (1L << (bits - 1)) - 1;
    long lastWeight = maxMeasurement - restAllOnes;
    long rest = measurement <= restAllOnes ? measurement : measurement - lastWeight;
    List<E> encoded = new ArrayList<>();
    for (int l = 0; l < bits - 1; l++) {
      encoded.add(field.of((rest >>> l) & 1));
    }
    encoded.add(measurement <= restAllOnes ? field.zero() : field.one());
    return encoded;
  }

  /** decode_range_checked_int, linear, so it applies to shares. */
  @Override
  List<E> truncate(List<E> meas) {
    long restAllOnes = (1L << (bits - 1)) - 1;
    long lastWeight = maxMeasurement - restAllOnes;
    E decoded = field.zero();
    for (int l = 0; l < bits - 1; l++) {
      decoded = decoded.add(field.of(BigInteger.ONE.shiftLeft(l)).mul(meas.get(l)));
    }
    decoded = decoded.add(field.of(lastWeight).mul(meas.get(bits - 1)));
    return List.of(decoded);
  }

  @Override
  Long decode(List<E> output, int numMeasurements) {
    return output.get(0).toBigInteger().longValueExact();
  }
}
