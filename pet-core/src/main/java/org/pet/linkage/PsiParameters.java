package org.pet.linkage;

import java.util.Objects;

/**
 * The public parameters of one linkage session, agreed by both parties before it starts.
 *
 * <p><b>Privacy guarantee.</b> Neighbouring inputs differ by one person: one identifier (with its value)
 * present or absent in either party's input. After deduplication (and, for the value party, combining a
 * person's values and clamping the total to {@code [0, maxValue]}), one person changes the intersection
 * size by at most 1 and the intersection sum by at most {@code maxValue}. With noise, the identifier party
 * adds discrete Laplace noise of scale {@code 1 / cardinalityEpsilon} to the size and of scale
 * {@code maxValue / sumEpsilon} (under encryption) to the sum, so the released pair is
 * {@code (cardinalityEpsilon + sumEpsilon, 0)}-differentially private per person. It protects the people
 * in both inputs against the value party, the relay and anyone reading the published result. The
 * identifier party performs the matching and so computes the exact size in memory, as in Ion et al.; pet
 * never returns or stores it, but the guarantee does not extend to an identifier party that modifies the
 * software. Set sizes are visible to both parties and to the relay.
 *
 * @param sessionId the session's unique id; hashed with every identifier, so blinded values of one
 *     session are useless in another
 * @param maxValue the largest value one person contributes to the sum, {@code >= 1}; 0 when the session
 *     computes the intersection size only
 * @param cardinalityEpsilon epsilon spent on the size; 0 for an exact (non-private) size
 * @param sumEpsilon epsilon spent on the sum; 0 for an exact sum or when no sum is computed
 */
public record PsiParameters(String sessionId, long maxValue, double cardinalityEpsilon, double sumEpsilon) {

  /** Longest session id, in characters. */
  public static final int MAX_SESSION_ID_LENGTH = 200;
  /** Largest per-person value: keeps every decryptable sum far inside a {@code long}. */
  public static final long MAX_VALUE_LIMIT = 1L << 31;

  /**
   * @throws IllegalArgumentException if a parameter is out of range or the noise settings are mixed
   */
  public PsiParameters {
    Objects.requireNonNull(sessionId, "sessionId");
    if (sessionId.isBlank() || sessionId.length() > MAX_SESSION_ID_LENGTH) {
      throw new IllegalArgumentException(
          "`sessionId` must be 1 to " + MAX_SESSION_ID_LENGTH + " characters, not blank");
    }
    if (maxValue != 0) {
      checkMaxValue(maxValue);
    }
    checkEpsilon("cardinalityEpsilon", cardinalityEpsilon, true);
    checkEpsilon("sumEpsilon", sumEpsilon, true);
    if (maxValue == 0 && sumEpsilon != 0) {
      throw new IllegalArgumentException("`sumEpsilon` needs a sum: set `maxValue` >= 1");
    }
    if (maxValue > 0 && (cardinalityEpsilon == 0) != (sumEpsilon == 0)) {
      throw new IllegalArgumentException(
          "noise must cover both outputs: set both `cardinalityEpsilon` and `sumEpsilon`, or neither");
    }
  }

  private static long checkMaxValue(long maxValue) {
    if (maxValue < 1 || maxValue > MAX_VALUE_LIMIT) {
      throw new IllegalArgumentException("`maxValue` must be in [1, 2^31] (or 0 for no sum), was " + maxValue);
    }
    return maxValue;
  }

  private static double checkEpsilon(String name, double epsilon, boolean zeroMeansNone) {
    if (!(epsilon > 0 || zeroMeansNone && epsilon == 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("`" + name + "` must be finite and > 0"
          + (zeroMeansNone ? " (or 0 for none)" : "") + ", was " + epsilon);
    }
    return epsilon;
  }

  /** Returns a builder; the session id is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the session computes the sum of the value party's values over the intersection. */
  public boolean computesSum() {
    return maxValue > 0;
  }

  /** Whether the released outputs carry DP noise. */
  public boolean isNoised() {
    return cardinalityEpsilon > 0;
  }

  /** The total epsilon per person of the released outputs; 0 when they are exact. */
  public double epsilon() {
    return cardinalityEpsilon + sumEpsilon;
  }

  /** Builder of {@link PsiParameters}; each setter checks its argument at once. */
  public static final class Builder {
    private String sessionId;
    private long maxValue;
    private double cardinalityEpsilon;
    private double sumEpsilon;

    private Builder() {}

    /** The session's unique id (required). */
    public Builder sessionId(String sessionId) {
      this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
      return this;
    }

    /** Computes the sum over the intersection, each person's value clamped to {@code [0, maxValue]}. */
    public Builder sum(long maxValue) {
      this.maxValue = checkMaxValue(maxValue);
      return this;
    }

    /** Adds noise to the released size, spending {@code epsilon} per person. */
    public Builder cardinalityEpsilon(double epsilon) {
      this.cardinalityEpsilon = checkEpsilon("cardinalityEpsilon", epsilon, false);
      return this;
    }

    /** Adds noise to the released sum, spending {@code epsilon} per person. */
    public Builder sumEpsilon(double epsilon) {
      this.sumEpsilon = checkEpsilon("sumEpsilon", epsilon, false);
      return this;
    }

    /**
     * @throws IllegalStateException if the session id is missing
     * @throws IllegalArgumentException if the noise settings are mixed
     */
    public PsiParameters build() {
      if (sessionId == null) {
        throw new IllegalStateException("`sessionId` is required");
      }
      return new PsiParameters(sessionId, maxValue, cardinalityEpsilon, sumEpsilon);
    }
  }
}
