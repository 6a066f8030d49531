package org.pet.vdaf;

/**
 * A report failed verification: the proof verifier check ({@link Prio3#verifierSharesToMessage}) or the
 * joint randomness check ({@link Prio3#verifyNext}). A subclass of IllegalArgumentException, which the
 * same methods throw for malformed messages.
 */
public final class VdafVerificationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  VdafVerificationException(String message) {
    super(message);
  }
}
