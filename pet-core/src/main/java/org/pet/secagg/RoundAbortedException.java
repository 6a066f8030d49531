package org.pet.secagg;

/**
 * A secure aggregation round cannot complete: fewer than the threshold t of participants remain at some
 * stage. The round ends without revealing any input or any partial sum.
 */
public class RoundAbortedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RoundAbortedException(String message) {
    super(message);
  }
}
