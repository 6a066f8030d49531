package org.pet.vdaf;

import java.math.BigInteger;

/**
 * Field128 of the VDAF draft: p = 2^66 * 4611686018427387897 + 1 = 2^128 - 28 * 2^64 + 1, 16-byte encoding,
 * generator 7^4611686018427387897 of order 2^66. Elements hold their value as two unsigned 64-bit words;
 * products are reduced with 2^128 = 28 * 2^64 - 1 (mod p), without BigInteger.
 */
public final class Field128 extends Field<Field128.Element> {

  static final BigInteger P = BigInteger.ONE.shiftLeft(66).multiply(BigInteger.valueOf(4611686018427387897L))
      .add(BigInteger.ONE);
  /** The high word of p (its low word is 1). */
  private static final long P_HI = 0xFFFFFFFFFFFFFFE4L;
  /** 2^128 - p = 27 * 2^64 + (2^64 - 1), as high and low words. */
  private static final long C_HI = 27;
  private static final long C_LO = -1L;
  private static final BigInteger WORD = BigInteger.ONE.shiftLeft(64);

  /** The field, a singleton. */
  public static final Field128 FIELD = new Field128();

  private Field128() {
    super(P, 16, BigInteger.ONE.shiftLeft(66));
  }

  @Override
  Element fromCanonical(BigInteger value) {
    return new Element(value.shiftRight(64).longValue(), value.longValue());
  }

  @Override
  Element decodeElement(byte[] bytes, int offset) {
    long lo = wordAt(bytes, offset);
    long hi = wordAt(bytes, offset + 8);
    return atLeastP(hi, lo) ? null : new Element(hi, lo);
  }

  @Override
  void encodeElement(Element element, byte[] out, int offset) {
    putWord(element.lo(), out, offset);
    putWord(element.hi(), out, offset + 8);
  }

  /** 7^4611686018427387897, computed once. */
  private static final Element GENERATOR = FIELD.fromCanonical(
      BigInteger.valueOf(7).modPow(BigInteger.valueOf(4611686018427387897L), P));

  @Override
  public Element gen() {
    return GENERATOR;
  }

  /** Whether the 128-bit value (hi, lo) is at least p. */
  private static boolean atLeastP(long hi, long lo) {
    int high = Long.compareUnsigned(hi, P_HI);
    return high > 0 || high == 0 && lo != 0;
  }

  /** The high word of the unsigned 128-bit product x * y. */
  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  /** (hi, lo) + c mod 2^128, which is (hi, lo) - p for values in [p, 2^128) or a sum that overflowed. */
  private static Element plusC(long hi, long lo) {
    long sumLo = lo + C_LO;
    long carry = Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0;
    return new Element(hi + C_HI + carry, sumLo);
  }

  /**
   * The canonical element congruent to k * 2^128 + hi * 2^64 + lo, for a value that is non-negative with a
   * small k: each fold replaces k * 2^128 by k * (28 * 2^64 - 1).
   */
  private static Element reduce(long k, long hi, long lo) {
    while (k != 0) {
      long next = 0;
      long newHi = hi + 28 * k;
      if (Long.compareUnsigned(newHi, hi) < 0) {
        next++;
      }
      long newLo = lo - k;
      if (Long.compareUnsigned(lo, k) < 0) {
        if (newHi == 0) {
          next--;
        }
        newHi--;
      }
      hi = newHi;
      lo = newLo;
      k = next;
    }
    return atLeastP(hi, lo) ? plusC(hi, lo) : new Element(hi, lo);
  }

  /** An element of Field128: the value hi * 2^64 + lo (unsigned words), below p. */
  public record Element(long hi, long lo) implements FieldElement<Element> {

    /** @throws IllegalArgumentException unless the value is below p */
    public Element {
      if (atLeastP(hi, lo)) {
        throw new IllegalArgumentException("not in [0, p) of Field128: " + Long.toUnsignedString(hi) + " * 2^64 + "
            + Long.toUnsignedString(lo));
      }
    }

    @Override
    public Element add(Element other) {
      long sumLo = lo + other.lo;
      long carry = Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0;
      long sumHi = hi + other.hi + carry;
      // other.hi + carry < 2^64 (both values are below p), so the sum overflowed iff its high word wrapped.
      boolean overflow = Long.compareUnsigned(sumHi, hi) < 0;
      return overflow || atLeastP(sumHi, sumLo) ? plusC(sumHi, sumLo) : new Element(sumHi, sumLo);
    }

    @Override
    public Element sub(Element other) {
      long differenceLo = lo - other.lo;
      long borrow = Long.compareUnsigned(lo, other.lo) < 0 ? 1 : 0;
      long differenceHi = hi - other.hi - borrow;
      int high = Long.compareUnsigned(hi, other.hi);
      if (high < 0 || high == 0 && borrow == 1) {
        // negative: add p = 2^128 - c, i.e. subtract c modulo 2^128
        long resultLo = differenceLo - C_LO;
        long resultBorrow = Long.compareUnsigned(differenceLo, C_LO) < 0 ? 1 : 0;
        return new Element(differenceHi - C_HI - resultBorrow, resultLo);
      }
      return new Element(differenceHi, differenceLo);
    }

    @Override
    public Element mul(Element other) {
      long a0 = lo;
      long a1 = hi;
      long b0 = other.lo;
      long b1 = other.hi;
      // The 256-bit product r3 r2 r1 r0 of the two 128-bit values.
      long r0 = a0 * b0;
      long h00 = unsignedMultiplyHigh(a0, b0);
      long l01 = a0 * b1;
      long h01 = unsignedMultiplyHigh(a0, b1);
      long l10 = a1 * b0;
      long h10 = unsignedMultiplyHigh(a1, b0);
      long l11 = a1 * b1;
      long h11 = unsignedMultiplyHigh(a1, b1);
      long r1 = h00 + l01;
      long c1 = Long.compareUnsigned(r1, h00) < 0 ? 1 : 0;
      long t = r1 + l10;
      c1 += Long.compareUnsigned(t, r1) < 0 ? 1 : 0;
      r1 = t;
      long r2 = h01 + h10;
      long c2 = Long.compareUnsigned(r2, h01) < 0 ? 1 : 0;
      t = r2 + l11;
      c2 += Long.compareUnsigned(t, r2) < 0 ? 1 : 0;
      r2 = t;
      t = r2 + c1;
      c2 += Long.compareUnsigned(t, r2) < 0 ? 1 : 0;
      r2 = t;
      long r3 = h11 + c2;
      // 2^128 = 28 * 2^64 - 1 and 2^192 = 783 * 2^64 - 28 (mod p), so the product is congruent to
      // (783 r3 + 28 r2 + r1) * 2^64 + r0 - (28 r3 + r2).
      long aLo = r3 * 783;
      long aHi = unsignedMultiplyHigh(r3, 783);
      long m = r2 * 28;
      t = aLo + m;
      aHi += unsignedMultiplyHigh(r2, 28) + (Long.compareUnsigned(t, aLo) < 0 ? 1 : 0);
      aLo = t;
      t = aLo + r1;
      aHi += Long.compareUnsigned(t, aLo) < 0 ? 1 : 0;
      aLo = t;
      long bLo = r3 * 28;
      long bHi = unsignedMultiplyHigh(r3, 28);
      t = bLo + r2;
      bHi += Long.compareUnsigned(t, bLo) < 0 ? 1 : 0;
      bLo = t;
      // value = aHi * 2^128 + aLo * 2^64 + r0 - (bHi * 2^64 + bLo), non-negative
      long k = aHi;
      long vHi = aLo;
      long vLo = r0 - bLo;
      if (Long.compareUnsigned(r0, bLo) < 0) {
        if (vHi == 0) {
          k--;
        }
        vHi--;
      }
      if (Long.compareUnsigned(vHi, bHi) < 0) {
        k--;
      }
      vHi -= bHi;
      return reduce(k, vHi, vLo);
    }

    @Override
    public Element neg() {
      return new Element(0, 0).sub(this);
    }

    @Override
    public Element inv() {
      if (hi == 0 && lo == 0) {
        throw new ArithmeticException("zero has no inverse");
      }
      return FIELD.fromCanonical(toBigInteger().modInverse(P));
    }

    @Override
    public BigInteger toBigInteger() {
      BigInteger high = BigInteger.valueOf(hi);
      BigInteger low = BigInteger.valueOf(lo);
      return (hi < 0 ? high.add(WORD) : high).shiftLeft(64).add(lo < 0 ? low.add(WORD) : low);
    }

    @Override
    public Element oneLike() {
      return new Element(0, 1);
    }

    @Override
    public String toString() {
      return toBigInteger().toString();
    }
  }
}
