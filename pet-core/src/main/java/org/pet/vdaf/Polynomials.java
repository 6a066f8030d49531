package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;

/**
 * Polynomial helpers of the VDAF draft (section 6.1.3): evaluation in the monomial basis, and the
 * {@code Lagrange} operations on polynomials given by their values at the powers of a root of unity
 * (poly_mul, poly_eval, poly_eval_batched, extend_values_to_power_of_2, double_evaluations), following the
 * draft's algorithms.
 */
final class Polynomials {

  private Polynomials() {}

  /** poly_eval: p (constant coefficient first) at x, by Horner's rule. */
  static <E extends FieldElement<E>> E evalMonomial(Field<E> field, List<E> p, E x) {
    E result = field.zero();
    for (int i = p.size() - 1; i >= 0; i--) {
      result = result.mul(x).add(p.get(i));
    }
    return result;
  }

  private static void requirePowerOfTwo(int n) {
    if (n < 1 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("length must be a power of two, was " + n);
    }
  }

  /** Lagrange.poly_mul: the product's 2n values from two polynomials' n values each. */
  static <E extends FieldElement<E>> List<E> lagrangeMul(Field<E> field, List<E> p, List<E> q) {
    requirePowerOfTwo(p.size());
    if (p.size() != q.size()) {
      throw new IllegalArgumentException("polynomials of different lengths: " + p.size() + " and " + q.size());
    }
    List<E> p2 = doubleEvaluations(field, p);
    List<E> q2 = doubleEvaluations(field, q);
    List<E> product = new ArrayList<>(p2.size());
    for (int i = 0; i < p2.size(); i++) {
      product.add(p2.get(i).mul(q2.get(i)));
    }
    return product;
  }

  /** Lagrange.poly_eval: the polynomial with values p at the n-th roots of unity, at x. */
  static <E extends FieldElement<E>> E lagrangeEval(Field<E> field, List<E> p, E x) {
    return lagrangeEvalBatched(field, List.of(p), x).get(0);
  }

  /** Lagrange.poly_eval_batched, as the draft computes it (barycentric, linear time per polynomial). */
  static <E extends FieldElement<E>> List<E> lagrangeEvalBatched(Field<E> field, List<List<E>> polys, E x) {
    int n = polys.get(0).size();
    for (List<E> p : polys) {
      if (p.size() != n) {
        throw new IllegalArgumentException("polynomials of different lengths");
      }
    }
    requirePowerOfTwo(n);
    List<E> nodes = field.nthRootPowers(n);
    E k = field.one();
    List<E> u = new ArrayList<>();
    for (List<E> p : polys) {
      u.add(p.get(0));
    }
    E d = nodes.get(0).sub(x);
    for (int i = 1; i < n; i++) {
      k = k.mul(d);
      d = nodes.get(i).sub(x);
      E t = k.mul(nodes.get(i));
      for (int j = 0; j < polys.size(); j++) {
        u.set(j, u.get(j).mul(d).add(t.mul(polys.get(j).get(i))));
      }
    }
    E factor = (n % 2 == 1 ? field.one() : field.one().neg()).mul(field.of(n).inv());
    u.replaceAll(value -> value.mul(factor));
    return u;
  }

  /**
   * Lagrange.extend_values_to_power_of_2: appends to p (values at the first |p| n-th roots of unity of the
   * polynomial of degree below |p|) its values at the remaining roots, up to n.
   */
  static <E extends FieldElement<E>> void extendValuesToPowerOfTwo(Field<E> field, List<E> p, int n) {
    requirePowerOfTwo(n);
    if (p.size() > n) {
      throw new IllegalArgumentException("already " + p.size() + " values, more than " + n);
    }
    List<E> x = field.nthRootPowers(n);
    List<E> w = new ArrayList<>(field.zeros(n));
    int given = p.size();
    for (int i = 0; i < given; i++) {
      E product = field.one();
      for (int j = 0; j < given; j++) {
        if (i != j) {
          product = product.mul(x.get(i).sub(x.get(j)));
        }
      }
      w.set(i, product);
    }
    for (int k = given; k < n; k++) {
      for (int i = 0; i < k; i++) {
        w.set(i, w.get(i).mul(x.get(i).sub(x.get(k))));
      }
      E numerator = field.zero();
      E denominator = field.one();
      for (int i = 0; i < p.size(); i++) {
        numerator = numerator.mul(w.get(i)).add(denominator.mul(p.get(i)));
        denominator = denominator.mul(w.get(i));
      }
      E product = field.one();
      for (int j = 0; j < k; j++) {
        product = product.mul(x.get(k).sub(x.get(j)));
      }
      w.set(k, product);
      p.add(product.neg().mul(numerator).mul(denominator.inv()));
    }
  }

  /** Lagrange.double_evaluations: the 2n values (interleaved) of the polynomial with n values p. */
  static <E extends FieldElement<E>> List<E> doubleEvaluations(Field<E> field, List<E> p) {
    int n = p.size();
    requirePowerOfTwo(n);
    List<E> odd = field.ntt(field.invNtt(p, n), n, true);
    List<E> result = new ArrayList<>(2 * n);
    for (int i = 0; i < n; i++) {
      result.add(p.get(i));
      result.add(odd.get(i));
    }
    return result;
  }
}
