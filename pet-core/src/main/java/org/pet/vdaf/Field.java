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
   * W_n^i, or at s W_n^i with s = W_2n when {@code setS}, for i = 0..n-1.
   */
  public final List<E> ntt(List<E> p, int n, boolean setS) {
    if (p.size() > n) {
      throw new IllegalArgumentException("a polynomial of " + p.size() + " coefficients has no " + n + "-point NTT");
    }
    List<E> points = nthRootPowers(n);
    if (setS) {
      E s = nthRoot(2 * n);
      points = points.stream().map(s::mul).toList();
    }
    List<E> values = new ArrayList<>(n);
    for (E x : points) {
      values.add(Polynomials.evalMonomial(this, p, x));
    }
    return values;
  }

  /** inv_ntt(v, n): the coefficients of the polynomial of degree below n with values v at W_n^0 .. W_n^(n-1). */
  public final List<E> invNtt(List<E> v, int n) {
    if (v.size() != n) {
      throw new IllegalArgumentException("inv_ntt needs exactly " + n + " values, had " + v.size());
    }
    List<E> inversePowers = nthRootPowers(n).stream().map(E::inv).toList();
    E nInverse = of(n).inv();
    List<E> coefficients = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      E sum = zero();
      for (int i = 0; i < n; i++) {
        sum = sum.add(v.get(i).mul(inversePowers.get((int) ((long) i * j % n))));
      }
      coefficients.add(sum.mul(nInverse));
    }
    return coefficients;
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
      byte[] bigEndian = vector.get(i).toBigInteger().toByteArray();
      for (int b = 0; b < encodedSize && b < bigEndian.length; b++) {
        out[i * encodedSize + b] = bigEndian[bigEndian.length - 1 - b];
      }
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
      BigInteger value = fromLittleEndian(encoded, offset, encodedSize);
      if (value.compareTo(modulus) >= 0) {
        throw new IllegalArgumentException("modulus overflow at element " + offset / encodedSize);
      }
      vector.add(fromCanonical(value));
    }
    return vector;
  }

  static BigInteger fromLittleEndian(byte[] bytes, int offset, int length) {
    byte[] bigEndian = new byte[length + 1];
    for (int b = 0; b < length; b++) {
      bigEndian[length - b] = bytes[offset + b];
    }
    return new BigInteger(bigEndian);
  }
}
