package org.pet.examples.client;

import java.time.Instant;
import java.util.List;

/**
 * A secure aggregation round failed (too few agencies answered a phase, or a message broke the protocol),
 * or the wait for it was interrupted. The message is one line naming the phase that failed, when (local
 * time), why and which agencies had not answered, from the round's status.
 */
public final class RoundFailedException extends RuntimeException {

  private final transient RoundStatus status;

  RoundFailedException(RoundStatus status) {
    super(status.failureLine());
    this.status = status;
  }

  RoundFailedException(String round, String reason) {
    super("round " + round + " failed: " + reason);
    this.status = null;
  }

  /** The phase that failed, or null if the round's status did not say (an interrupted wait). */
  public String phase() {
    return status == null ? null : status.failedPhase();
  }

  /** When the round failed, or null if its status did not say. */
  public Instant failedAt() {
    return status == null ? null : status.failedAt();
  }

  /** The agencies that had not answered the failed phase (empty if none, or unknown). */
  public List<String> missing() {
    return status == null ? List.of() : status.missing();
  }
}
