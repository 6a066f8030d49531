package org.pet.vdaf;

import java.util.Objects;

/**
 * An aggregator refuses a report: the report is counted as rejected and never aggregated. The reason is a
 * short stable code for logs and counters; the message says what was wrong without any share content.
 */
public final class InvalidReportException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a report was rejected. */
  public enum Reason {
    /** An input share, public share or verifier share has the wrong length or is not a field encoding. */
    MALFORMED("malformed"),
    /** The input share does not decrypt with the aggregator's key for this task, report and agency. */
    UNDECRYPTABLE("undecryptable"),
    /** The agency's signature over the report does not verify, or the agency is not registered. */
    BAD_SIGNATURE("bad-signature"),
    /** The validity proof is rejected: the measurement is not in the task's range. */
    PROOF_REJECTED("proof-rejected"),
    /** The joint randomness the client committed to does not match what the aggregators computed. */
    JOINT_RANDOMNESS_MISMATCH("joint-randomness-mismatch"),
    /** The other aggregator rejected the report. */
    REJECTED_BY_PEER("rejected-by-peer"),
    /** A report with this id was aggregated or rejected before. */
    REPLAYED("replayed");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable code, e.g. {@code proof-rejected}. */
    public String code() {
      return code;
    }

    /**
     * The reason with this code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static Reason byCode(String code) {
      for (Reason reason : values()) {
        if (reason.code.equals(code)) {
          return reason;
        }
      }
      throw new IllegalArgumentException("unknown rejection reason `" + code + "`");
    }
  }

  private final Reason reason;

  public InvalidReportException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
