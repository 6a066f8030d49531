package org.pet.examples;

/**
 * Bad usage or bad input to a {@code pet} command: a missing file, a malformed CSV row, an out-of-range
 * option. The command line prints its message as one line and exits with code 2. Commands throw it while
 * validating, before anything is sent to a server.
 */
public final class UsageException extends RuntimeException {

  /** @param message what is wrong, in one line, naming the option, file, line or column */
  public UsageException(String message) {
    super(message);
  }

  /** As {@link #UsageException(String)}, keeping the cause for {@code --verbose}. */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
