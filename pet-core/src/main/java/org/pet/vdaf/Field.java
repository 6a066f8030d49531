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
