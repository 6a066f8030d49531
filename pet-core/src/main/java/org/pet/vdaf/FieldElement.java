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
}
