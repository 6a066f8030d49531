package org.pet.examples.client;

/** A secure aggregation round failed (too few agencies answered a phase in time, or it was aborted). */
public final class RoundFailedException extends RuntimeException {

  RoundFailedException(String round, String reason) {
    super("round " + round + " failed: " + reason);
  }
}
