package org.pet.vdaf;

import java.util.List;

/**
 * A validity circuit (draft-irtf-cfrg-vdaf-20, section 7.3.2): an arithmetic circuit whose output is all
 * zeros exactly for valid measurements, with every non-affine operation inside a gadget call, plus the
 * measurement encoding Prio3 needs.
 *
 * @param <E> the field's element type
 * @param <M> the measurement type
 * @param <R> the aggregate result type
 */
abstract class ValidityCircuit<E extends FieldElement<E>, M, R> {

  final Field<E> field;

  ValidityCircuit(Field<E> field) {
    this.field = field;
  }

  /** GADGETS. */
  abstract List<Gadget<E>> gadgets();

  /** GADGET_CALLS: how often each gadget is called by one evaluation. */
  abstract List<Integer> gadgetCalls();

  abstract int measLen();

  abstract int jointRandLen();

  abstract int evalOutputLen();

  abstract int outputLen();

  /**
   * eval: the circuit on (a share of) the measurement, calling {@code gadgets} (the circuit's own, or the
   * FLP's recording wrappers of them) in a fixed order; constants are scaled by 1 / numShares.
   */
  abstract List<E> eval(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets);

  abstract List<E> encode(M measurement);

  abstract List<E> truncate(List<E> meas);

  abstract R decode(List<E> output, int numMeasurements);
}
