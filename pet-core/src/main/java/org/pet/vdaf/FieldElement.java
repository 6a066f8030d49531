package org.pet.vdaf;

import java.math.BigInteger;

/**
 * An element of one of the VDAF draft's prime fields (draft-irtf-cfrg-vdaf-20, section 6.1): immutable,
 * with the field's arithmetic. Elements of different fields never mix.
 *
 * @param <E> the element type of the field
 */
public interface FieldElement<E extends FieldElement<E>> {

  E add(E other);

  E sub(E other);

  E mul(E other);

  E neg();

  /**
   * The multiplicative inverse.
   *
   * @throws ArithmeticException for zero
   */
  E inv();

  /** The element as an integer in [0, modulus). */
  BigInteger toBigInteger();

  /**
   * this^exponent by square-and-multiply.
   *
   * @throws IllegalArgumentException if the exponent is negative
   */
  @SuppressWarnings("unchecked")
  default E pow(BigInteger exponent) {
    if (exponent.signum() < 0) {
      throw new IllegalArgumentException("`exponent` must be >= 0, was " + exponent);
    }
    E self = (E) this;
    E result = oneLike();
    for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
      result = result.mul(result);
      if (exponent.testBit(bit)) {
        result = result.mul(self);
      }
    }
    return result;
  }

  /** The multiplicative identity of this element's field. */
  E oneLike();
}
