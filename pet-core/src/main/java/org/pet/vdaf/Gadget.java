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

  /**
   * PolyEval(p)(x) = p(x) for integer coefficients p (constant first, leading zeros stripped) over
   * {@code field}: arity 1, degree deg p; {@code numCalls} fixes how many evaluations its polynomial output
   * needs.
   */
  final class PolyEval<E extends FieldElement<E>> implements Gadget<E> {
    private final List<E> polynomial;
    private final int degree;
    private final int n;

    PolyEval(Field<E> field, List<Long> p, int numCalls) {
      int last = p.size() - 1;
      while (last >= 0 && p.get(last) == 0) {
        last--;
      }
      if (last < 0) {
        throw new IllegalArgumentException("invalid polynomial: zero length");
      }
      this.polynomial = p.subList(0, last + 1).stream().map(field::of).toList();
      this.degree = last;
      this.n = nextPowerOfTwo(gadgetPolyLen(degree, wirePolyLen(numCalls)));
    }

    @Override
    public int arity() {
      return 1;
    }

    @Override
    public int degree() {
      return degree;
    }

    @Override
    public E eval(Field<E> field, List<E> inputs) {
      return Polynomials.evalMonomial(field, polynomial, inputs.get(0));
    }

    @Override
    public List<E> evalPoly(Field<E> field, List<List<E>> inputPolys) {
      List<E> input = inputPolys.get(0);
      List<E> values = field.ntt(field.invNtt(input, input.size()), n, false);
      return values.stream().map(x -> Polynomials.evalMonomial(field, polynomial, x)).toList();
    }
  }

  /**
   * ParallelSum(subcircuit, count): the sum of {@code count} calls of the subcircuit on consecutive slices
   * of the inputs; arity count * subcircuit arity, degree the subcircuit's.
   */
  record ParallelSum<E extends FieldElement<E>>(Gadget<E> subcircuit, int count) implements Gadget<E> {
    @Override
    public int arity() {
      return subcircuit.arity() * count;
    }

    @Override
    public int degree() {
      return subcircuit.degree();
    }

    @Override
    public E eval(Field<E> field, List<E> inputs) {
      E out = field.zero();
      int a = subcircuit.arity();
      for (int i = 0; i < count; i++) {
        out = out.add(subcircuit.eval(field, inputs.subList(i * a, (i + 1) * a)));
      }
      return out;
    }

    @Override
    public List<E> evalPoly(Field<E> field, List<List<E>> inputPolys) {
      int length = nextPowerOfTwo(gadgetPolyLen(degree(), inputPolys.get(0).size()));
      List<E> sum = new java.util.ArrayList<>(field.zeros(length));
      int a = subcircuit.arity();
      for (int i = 0; i < count; i++) {
        List<E> current = subcircuit.evalPoly(field, inputPolys.subList(i * a, (i + 1) * a));
        for (int j = 0; j < length; j++) {
          sum.set(j, sum.get(j).add(current.get(j)));
        }
      }
      return sum;
    }
  }
}
