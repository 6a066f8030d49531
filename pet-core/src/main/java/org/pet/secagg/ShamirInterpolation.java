package org.pet.secagg;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Interpolation over Z_p, p = 2^521 - 1, for shares with one fixed list of distinct indices x_1..x_N,
 * N >= t: the value at 0 of the polynomial of degree below t through the first t shares, and a check that
 * all N shares lie on one such polynomial. Both are a dot product with coefficients that depend only on
 * the indices, so a server reconstructing many secrets from the same participants computes them once.
 *
 * <p><b>The check.</b> With barycentric weights w_i = 1 / prod_{m != i} (x_i - x_m), sum_i w_i g(x_i) = 0
 * for every polynomial g of degree at most N - 2. So values v on a polynomial f of degree below t satisfy
 * sum_i w_i q(x_i) v_i = 0 for every q of degree below N - t, and these N - t conditions are exactly the
 * parity checks of the code (shares that do not lie on one polynomial violate at least one). One random
 * combination of them, q with uniform coefficients drawn when the coefficients are built, catches any
 * inconsistency except with probability 1/p, at the cost of N multiplications per secret instead of
 * one interpolation per extra share. Immutable and thread-safe.
 */
final class ShamirInterpolation {

  /** The field modulus p = 2^521 - 1. */
  static final BigInteger PRIME = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);
  /** Index differences are below 2^16 in magnitude: a running product below this times one more fits a long. */
  private static final long SMALL_PRODUCT_LIMIT = 1L << 45;

  private final int[] indices;
  /** Lagrange coefficients l_j(0) for the first t indices. */
  private final BigInteger[] atZero;
  /** w_i q(x_i) for all N indices; empty when N = t (nothing to check). */
  private final BigInteger[] parityCheck;

  /**
   * @param indices N >= threshold distinct indices in [1, 2^16]
   * @param threshold t >= 1
   * @param random the source of the check's coefficients; must be unpredictable to share holders
   */
  ShamirInterpolation(int[] indices, int threshold, Random random) {
    this.indices = indices.clone();
    int[] nodes = Arrays.copyOf(indices, threshold);
    // l_j(0) = prod_{m != j} x_m / (x_m - x_j) = (prod_m x_m) / (x_j (-1)^(t-1) prod_{m != j} (x_j - x_m)).
    BigInteger[] denominators = new BigInteger[threshold];
    for (int j = 0; j < threshold; j++) {
      BigInteger denominator = differenceProduct(nodes, j).multiply(BigInteger.valueOf(nodes[j]));
      denominators[j] = (threshold % 2 == 0 ? denominator.negate() : denominator).mod(PRIME);
    }
    BigInteger nodeProduct = BigInteger.ONE;
    for (int node : nodes) {
      nodeProduct = reduce(nodeProduct.multiply(BigInteger.valueOf(node)));
    }
    BigInteger[] inverses = invertAll(denominators);
    atZero = new BigInteger[threshold];
    for (int j = 0; j < threshold; j++) {
      atZero[j] = reduce(nodeProduct.multiply(inverses[j]));
    }
    parityCheck = indices.length == threshold ? new BigInteger[0] : parityCheck(indices, threshold, random);
  }

  /** The indices, in the order values must be given. */
  int[] indices() {
    return indices.clone();
  }

  /** f(0) from the values at the first t indices (any further values are ignored). */
  BigInteger atZero(List<BigInteger> values) {
    return dot(atZero, values);
  }

  /** Whether all N values lie on one polynomial of degree below t (up to the 1/p chance above). */
  boolean consistent(List<BigInteger> values) {
    return parityCheck.length == 0 || dot(parityCheck, values).signum() == 0;
  }

  private static BigInteger dot(BigInteger[] coefficients, List<BigInteger> values) {
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < coefficients.length; i++) {
      sum = sum.add(coefficients[i].multiply(values.get(i)));
    }
    return reduce(sum);
  }

  /**
   * x mod p for x &gt;= 0, by the Mersenne identity 2^521 = 1 (mod p): the bits above 521 are folded onto the
   * low 521 until the value fits - shifts and additions instead of a division.
   */
  static BigInteger reduce(BigInteger x) {
    while (x.bitLength() > 521) {
      x = x.and(PRIME).add(x.shiftRight(521));
    }
    return x.equals(PRIME) ? BigInteger.ZERO : x;
  }

  /** w_i q(x_i) for a random q of degree below N - t. */
  private static BigInteger[] parityCheck(int[] indices, int threshold, Random random) {
    int n = indices.length;
    BigInteger[] products = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      products[i] = differenceProduct(indices, i).mod(PRIME);
    }
    BigInteger[] weights = invertAll(products);
    BigInteger[] q = new BigInteger[n - threshold];
    for (int k = 0; k < q.length; k++) {
      q[k] = uniformFieldElement(random);
    }
    BigInteger[] check = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      BigInteger x = BigInteger.valueOf(indices[i]);
      BigInteger value = BigInteger.ZERO;
      for (int k = q.length - 1; k >= 0; k--) {
        value = reduce(value.multiply(x).add(q[k]));
      }
      check[i] = reduce(value.multiply(weights[i]));
    }
    return check;
  }

  /** prod_{m != i} (xs[i] - xs[m]), up to a multiple of p, multiplying small factors in a long first. */
  private static BigInteger differenceProduct(int[] xs, int i) {
    int x = xs[i];
    BigInteger product = BigInteger.ONE;
    long small = 1;
    for (int m = 0; m < xs.length; m++) {
      if (m == i) {
        continue;
      }
      if (Math.abs(small) >= SMALL_PRODUCT_LIMIT) {
        product = product.multiply(BigInteger.valueOf(small)).mod(PRIME);
        small = 1;
      }
      small *= x - xs[m];
    }
    return product.multiply(BigInteger.valueOf(small));
  }

  /** The inverses mod p of non-zero residues, with one modular inverse (Montgomery's trick). */
  private static BigInteger[] invertAll(BigInteger[] values) {
    BigInteger[] prefix = new BigInteger[values.length];
    BigInteger running = BigInteger.ONE;
    for (int i = 0; i < values.length; i++) {
      prefix[i] = running;
      running = reduce(running.multiply(values[i]));
    }
    BigInteger inverse = running.modInverse(PRIME);
    BigInteger[] result = new BigInteger[values.length];
    for (int i = values.length - 1; i >= 0; i--) {
      result[i] = reduce(inverse.multiply(prefix[i]));
      inverse = reduce(inverse.multiply(values[i]));
    }
    return result;
  }

  static BigInteger uniformFieldElement(Random random) {
    BigInteger candidate;
    do {
      candidate = new BigInteger(PRIME.bitLength(), random);
    } while (candidate.compareTo(PRIME) >= 0);
    return candidate;
  }
}
