package org.pet.vdaf;

import java.math.BigInteger;

/**
 * Field64 of the VDAF draft: p = 2^32 * 4294967295 + 1 = 2^64 - 2^32 + 1, 8-byte encoding, generator
 * 7^4294967295 of order 2^32. Arithmetic on unsigned longs, reducing with 2^64 = 2^32 - 1 (mod p).
 */
public final class Field64 extends Field<Field64.Element> {

  /** p as an unsigned long. */
  static final long P = 0xFFFFFFFF00000001L;
  /** The field, a singleton. */
  public static final Field64 FIELD = new Field64();

  private Field64() {
    super(new BigInteger(Long.toUnsignedString(P)), 8, BigInteger.ONE.shiftLeft(32));
  }

  @Override
  Element fromCanonical(BigInteger value) {
    return new Element(value.longValue());
  }

  @Override
  Element decodeElement(byte[] bytes, int offset) {
    long value = wordAt(bytes, offset);
    return Long.compareUnsigned(value, P) < 0 ? new Element(value) : null;
  }

  @Override
  void encodeElement(Element element, byte[] out, int offset) {
    putWord(element.value(), out, offset);
  }

  /** 7^4294967295, computed once. */
  private static final Element GENERATOR = new Element(7).pow(4294967295L);

  @Override
  public Element gen() {
    return GENERATOR;
  }

  static long add(long a, long b) {
    long sum = a + b;
    // An unsigned carry out of 64 bits, or a sum at least p, means subtract p (adding 2^32 - 1 on carry).
    if (Long.compareUnsigned(sum, a) < 0) {
      sum += 0xFFFFFFFFL;
    }
    return Long.compareUnsigned(sum, P) >= 0 ? sum - P : sum;
  }

  static long sub(long a, long b) {
    long difference = a - b;
    return Long.compareUnsigned(a, b) < 0 ? difference + P : difference;
  }

  static long mul(long a, long b) {
    long low = a * b;
    // The unsigned high word from the signed one (Math.unsignedMultiplyHigh arrived in Java 18).
    long high = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    return reduce(high, low);
  }

  /** (high * 2^64 + low) mod p, with 2^64 = 2^32 - 1 and 2^96 = -1 (mod p). */
  private static long reduce(long high, long low) {
    long highHigh = high >>> 32;
    long highLow = high & 0xFFFFFFFFL;
    long result = sub(canonical(low), highHigh);
    return add(result, canonical((highLow << 32) - highLow));
  }

  private static long canonical(long value) {
    return Long.compareUnsigned(value, P) >= 0 ? value - P : value;
  }

  /** An element of Field64. */
  public record Element(long value) implements FieldElement<Element> {

    /** @throws IllegalArgumentException unless value, as an unsigned long, is below p */
    public Element {
      if (Long.compareUnsigned(value, P) >= 0) {
        throw new IllegalArgumentException("not below the Field64 modulus: " + Long.toUnsignedString(value));
      }
    }

    @Override
    public Element add(Element other) {
      return new Element(Field64.add(value, other.value));
    }

    @Override
    public Element sub(Element other) {
      return new Element(Field64.sub(value, other.value));
    }

    @Override
    public Element mul(Element other) {
      return new Element(Field64.mul(value, other.value));
    }

    @Override
    public Element neg() {
      return new Element(Field64.sub(0, value));
    }

    @Override
    public Element inv() {
      if (value == 0) {
        throw new ArithmeticException("zero has no inverse");
      }
      return pow(P - 2);
    }

    /** this^exponent, the exponent an unsigned long. */
    public Element pow(long exponent) {
      long result = 1;
      long base = value;
      for (long e = exponent; e != 0; e >>>= 1) {
        if ((e & 1) != 0) {
          result = Field64.mul(result, base);
        }
        base = Field64.mul(base, base);
      }
      return new Element(result);
    }

    @Override
    public BigInteger toBigInteger() {
      return new BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public Element oneLike() {
      return new Element(1);
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(value);
    }
  }
}
