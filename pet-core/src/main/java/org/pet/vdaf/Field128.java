package org.pet.vdaf;

import java.math.BigInteger;

/**
 * Field128 of the VDAF draft: p = 2^66 * 4611686018427387897 + 1, 16-byte encoding, generator
 * 7^4611686018427387897 of order 2^66. Elements hold their value as a BigInteger.
 */
public final class Field128 extends Field<Field128.Element> {

  static final BigInteger P = BigInteger.ONE.shiftLeft(66).multiply(BigInteger.valueOf(4611686018427387897L))
      .add(BigInteger.ONE);
  /** The field, a singleton. */
  public static final Field128 FIELD = new Field128();

  private Field128() {
    super(P, 16, BigInteger.ONE.shiftLeft(66));
  }

  @Override
  Element fromCanonical(BigInteger value) {
    return new Element(value);
  }

  /** 7^4611686018427387897, computed once. */
  private static final Element GENERATOR =
      new Element(BigInteger.valueOf(7).modPow(BigInteger.valueOf(4611686018427387897L), P));

  @Override
  public Element gen() {
    return GENERATOR;
  }

  /** An element of Field128. */
  public record Element(BigInteger value) implements FieldElement<Element> {

    /** @throws IllegalArgumentException unless 0 &lt;= value &lt; p */
    public Element {
      if (value.signum() < 0 || value.compareTo(P) >= 0) {
        throw new IllegalArgumentException("not in [0, p) of Field128: " + value);
      }
    }

    @Override
    public Element add(Element other) {
      BigInteger sum = value.add(other.value);
      return new Element(sum.compareTo(P) >= 0 ? sum.subtract(P) : sum);
    }

    @Override
    public Element sub(Element other) {
      BigInteger difference = value.subtract(other.value);
      return new Element(difference.signum() < 0 ? difference.add(P) : difference);
    }

    @Override
    public Element mul(Element other) {
      return new Element(value.multiply(other.value).mod(P));
    }

    @Override
    public Element neg() {
      return new Element(value.signum() == 0 ? value : P.subtract(value));
    }

    @Override
    public Element inv() {
      if (value.signum() == 0) {
        throw new ArithmeticException("zero has no inverse");
      }
      return new Element(value.modInverse(P));
    }

    @Override
    public BigInteger toBigInteger() {
      return value;
    }

    @Override
    public Element oneLike() {
      return new Element(BigInteger.ONE);
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }
}
