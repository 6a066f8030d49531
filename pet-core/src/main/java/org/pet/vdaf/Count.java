package org.pet.vdaf;

import java.util.List;

/** The Count circuit of Prio3Count: a measurement of 0 or 1, checked by x * x - x = 0 with one Mul call. */
final class Count<E extends FieldElement<E>> extends ValidityCircuit<E, Long, Long> {

  private final List<Gadget<E>> gadgets = List.of(new Gadget.Mul<>());

  Count(Field<E> field) {
    super(field);
  }

  @Override
  List<Gadget<E>> gadgets() {
    return gadgets;
  }

  @Override
  List<Integer> gadgetCalls() {
    return List.of(1);
  }

  @Override
  int measLen() {
    return 1;
  }

  @Override
  int jointRandLen() {
    return 0;
  }

  @Override
  int evalOutputLen() {
    return 1;
  }

  @Override
  int outputLen() {
    return 1;
  }

  @Override
  List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    E squared = gadgets.get(0).eval(field, List.of(meas.get(0), meas.get(0)));
    return List.of(squared.sub(meas.get(0)));
  }

  @Override
  List<E> encode(Long measurement) {
    return List.of(field.of(measurement));
  }

  @Override
  List<E> truncate(List<E> meas) {
    return meas;
  }

  @Override
  Long decode(List<E> output, int numMeasurements) {
    return output.get(0).toBigInteger().longValueExact();
  }
}
