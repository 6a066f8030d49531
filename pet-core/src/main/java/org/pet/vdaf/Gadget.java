package org.pet.vdaf;

import java.util.List;

/**
 * A gadget of a validity circuit (draft-irtf-cfrg-vdaf-20, section 7.3.2 and appendix "FLP Gadgets"): an
 * arithmetic subcircuit of some arity and degree, evaluated on field elements or, for the proof, on
 * polynomials given in the Lagrange basis.
 *
 * @param <E> the field's element type
 */
interface Gadget<E extends FieldElement<E>> {

  /** ARITY: the number of input wires. */
  int arity();

  /** DEGREE: the degree of the polynomial the gadget computes. */
  int degree();

  /** eval: the gadget on field elements. */
  E eval(Field<E> field, List<E> inputs);

  /** eval_poly: the gadget on polynomials in the Lagrange basis (one per input wire, equal power-of-two lengths). */
  List<E> evalPoly(Field<E> field, List<List<E>> inputPolys);

  /** wire_poly_len: the smallest power of two above the calls, for the wire seed. */
  static int wirePolyLen(int gadgetCalls) {
    return nextPowerOfTwo(1 + gadgetCalls);
  }

  /** gadget_poly_len. */
  static int gadgetPolyLen(int degree, int wirePolyLen) {
    return degree * (wirePolyLen - 1) + 1;
  }

  /** next_power_of_2: the smallest power of two at least n (n &gt;= 1). */
  static int nextPowerOfTwo(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("`n` must be >= 1, was " + n);
    }
    return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** Mul(x, y) = x * y: arity 2, degree 2. */
  record Mul<E extends FieldElement<E>>() implements Gadget<E> {
    @Override
    public int arity() {
      return 2;
    }

    @Override
    public int degree() {
      return 2;
    }

    @Override
    public E eval(Field<E> field, List<E> inputs) {
      return inputs.get(0).mul(inputs.get(1));
    }

    @Override
    public List<E> evalPoly(Field<E> field, List<List<E>> inputPolys) {
      return Polynomials.lagrangeMul(field, inputPolys.get(0), inputPolys.get(1));
    }
  }
}
