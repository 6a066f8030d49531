package org.pet.examples;

/**
 * A {@code pet} command ran on valid input but its outcome is a failure (say, a transparency log that does
 * not verify). The command line prints its message as one line and exits with code 1.
 */
public final class FailureException extends RuntimeException {

  /** @param message what failed, in one line */
  public FailureException(String message) {
    super(message);
  }
}
