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
    this.bits = RangeChecks.bits(maxMeasurement);
    this.gadgets = List.of(new Gadget.PolyEval<>(field, List.of(0L, -1L, 1L), bits));
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

  @Override
  List<E> encode(Long measurement) {
    return RangeChecks.encode(field, measurement, maxMeasurement);
  }

  @Override
  List<E> truncate(List<E> meas) {
    return List.of(RangeChecks.decode(field, meas, maxMeasurement));
  }

  @Override
  Long decode(List<E> output, int numMeasurements) {
    return output.get(0).toBigInteger().longValueExact();
  }
}
