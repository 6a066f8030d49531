package org.pet.examples.client;

/**
 * A pet server answered with an error (an RFC 9457 problem), or could not be reached ({@link #status()} 0).
 */
public final class PetApiException extends RuntimeException {

  private final int status;

  PetApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the answer, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
