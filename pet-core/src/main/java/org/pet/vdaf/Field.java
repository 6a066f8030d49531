package org.pet.vdaf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the VDAF draft's prime fields (draft-irtf-cfrg-vdaf-20, sections 6.1 and 6.1.3): its modulus,
 * encoded size, NTT generator, and the little-endian vector encoding of section 6.1.1.
 *
 * @param <E> the element type
 */
public abstract class Field<E extends FieldElement<E>> {

  private final BigInteger modulus;
  private final int encodedSize;
  private final BigInteger genOrder;

  Field(BigInteger modulus, int encodedSize, BigInteger genOrder) {
    this.modulus = modulus;
    this.encodedSize = encodedSize;
    this.genOrder = genOrder;
  }

  /** MODULUS. */
  public final BigInteger modulus() {
    return modulus;
  }

  /** ENCODED_SIZE: bytes per encoded element. */
  public final int encodedSize() {
    return encodedSize;
  }

  /** GEN_ORDER: the order of {@link #gen()}, a power of two. */
  public final BigInteger genOrder() {
    return genOrder;
  }

  /** The element with this integer value, in [0, modulus). */
  abstract E fromCanonical(BigInteger value);

  /**
   * The element encoded in ENCODED_SIZE little-endian bytes at {@code offset}, or null if that integer is
   * not below the modulus. (Both fields' moduli fill their encoding's bits, so next_vec's mask is a no-op.)
   */
  abstract E decodeElement(byte[] bytes, int offset);

  /** Writes the element as ENCODED_SIZE little-endian bytes at {@code offset}. */
  abstract void encodeElement(E element, byte[] out, int offset);

  /** The little-endian 64-bit word at {@code offset}. */
  static long wordAt(byte[] bytes, int offset) {
    long word = 0;
    for (int b = 7; b >= 0; b--) {
      word = (word << 8) | (bytes[offset + b] & 0xFF);
    }
    return word;
  }

  /** Writes a 64-bit word little-endian at {@code offset}. */
  static void putWord(long word, byte[] out, int offset) {
    for (int b = 0; b < 8; b++) {
      out[offset + b] = (byte) (word >>> (8 * b));
    }
  }

  /**
   * Field(integer): {@code value} in (-modulus, modulus), negative values meaning their negation.
   *
   * @throws IllegalArgumentException if value is out of that range
   */
  public final E of(BigInteger value) {
    if (value.abs().compareTo(modulus) >= 0) {
      throw new IllegalArgumentException("a field element needs a value in (-p, p), was " + value);
    }
    return fromCanonical(value.signum() < 0 ? value.add(modulus) : value);
  }

  public final E of(long value) {
    return of(BigInteger.valueOf(value));
  }

  public final E zero() {
    return of(0);
  }

  public final E one() {
    return of(1);
  }

  /** The generator of the subgroup of order {@link #genOrder()}. */
  public abstract E gen();

  /**
   * nth_root(n): the principal n-th root of unity gen^(GEN_ORDER / n).
   *
   * @throws IllegalArgumentException unless n is a power of two in [1, GEN_ORDER]
   */
  public final E nthRoot(int n) {
    if (n < 1 || Integer.bitCount(n) != 1 || BigInteger.valueOf(n).compareTo(genOrder) > 0) {
      throw new IllegalArgumentException("`n` must be a power of two in [1, " + genOrder + "], was " + n);
    }
    return gen().pow(genOrder.divide(BigInteger.valueOf(n)));
  }

  /** nth_root_powers(n): W_n^0 .. W_n^(n-1). */
  public final List<E> nthRootPowers(int n) {
    E root = nthRoot(n);
    List<E> powers = new ArrayList<>(n);
    E power = one();
    for (int i = 0; i < n; i++) {
      powers.add(power);
      power = power.mul(root);
    }
    return powers;
  }

  /**
   * ntt(p, n, set_s): the polynomial with coefficients p (constant first, at most n of them) evaluated at
   * W_n^i, or at s W_n^i with s = W_2n when {@code setS}, for i = 0..n-1 (radix-2, O(n log n)).
   */
  public final List<E> ntt(List<E> p, int n, boolean setS) {
    if (p.size() > n) {
      throw new IllegalArgumentException("a polynomial of " + p.size() + " coefficients has no " + n + "-point NTT");
    }
    List<E> coefficients = new ArrayList<>(p);
    if (setS) {
      // p(s x) has coefficients p_j s^j
      E s = nthRoot(2 * n);
      E power = one();
      for (int j = 0; j < coefficients.size(); j++) {
        coefficients.set(j, coefficients.get(j).mul(power));
        power = power.mul(s);
      }
    }
    while (coefficients.size() < n) {
      coefficients.add(zero());
    }
    return transform(coefficients, false);
  }

  /** inv_ntt(v, n): the coefficients of the polynomial of degree below n with values v at W_n^0 .. W_n^(n-1). */
  public final List<E> invNtt(List<E> v, int n) {
    if (v.size() != n) {
      throw new IllegalArgumentException("inv_ntt needs exactly " + n + " values, had " + v.size());
    }
    List<E> coefficients = transform(new ArrayList<>(v), true);
    E nInverse = of(n).inv();
    coefficients.replaceAll(c -> c.mul(nInverse));
    return coefficients;
  }

  /**
   * The iterative Cooley-Tukey transform of a power-of-two length vector: entry k of the result is the
   * polynomial with these coefficients at W_n^k (at W_n^-k when {@code inverse}).
   */
  private List<E> transform(List<E> a, boolean inverse) {
    int n = a.size();
    nthRoot(n); // checks that n is a power of two the field supports
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        E swap = a.get(i);
        a.set(i, a.get(j));
        a.set(j, swap);
      }
    }
    for (int length = 2; length <= n; length <<= 1) {
      E step = nthRoot(length);
      if (inverse) {
        step = step.inv();
      }
      int half = length / 2;
      for (int start = 0; start < n; start += length) {
        E w = one();
        for (int k = 0; k < half; k++) {
          E u = a.get(start + k);
          E v = a.get(start + k + half).mul(w);
          a.set(start + k, u.add(v));
          a.set(start + k + half, u.sub(v));
          w = w.mul(step);
        }
      }
    }
    return a;
  }

  /** Field.zeros(length). */
  public final List<E> zeros(int length) {
    List<E> zeros = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      zeros.add(zero());
    }
    return zeros;
  }

  /** encode_vec: each element as ENCODED_SIZE little-endian bytes. */
  public final byte[] encodeVec(List<E> vector) {
    byte[] out = new byte[vector.size() * encodedSize];
    for (int i = 0; i < vector.size(); i++) {
      encodeElement(vector.get(i), out, i * encodedSize);
    }
    return out;
  }

  /**
   * decode_vec.
   *
   * @throws IllegalArgumentException if the length is not a multiple of ENCODED_SIZE or a value is not
   *     below the modulus
   */
  public final List<E> decodeVec(byte[] encoded) {
    if (encoded.length % encodedSize != 0) {
      throw new IllegalArgumentException("input length must be a multiple of the size of an encoded field element ("
          + encodedSize + "), was " + encoded.length);
    }
    List<E> vector = new ArrayList<>(encoded.length / encodedSize);
    for (int offset = 0; offset < encoded.length; offset += encodedSize) {
      E element = decodeElement(encoded, offset);
      if (element == null) {
        throw new IllegalArgumentException("modulus overflow at element " + offset / encodedSize);
      }
      vector.add(element);
    }
    return vector;
  }
}
