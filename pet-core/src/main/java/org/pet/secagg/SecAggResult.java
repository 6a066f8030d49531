package org.pet.secagg;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a secure aggregation round.
 *
 * @param sum the sum of the included participants' input vectors, exact in Z_2^64 (decode with the
 *     round's {@link FixedPointEncoder})
 * @param included the participants whose inputs are in the sum (U3)
 * @param unmaskers the participants whose shares unmasked it
 * @param privacy with distributed noise, the (epsilon, delta) the noised sum achieves when up to
 *     {@code toleratedColluders} of the included participants collude with the server (which then knows
 *     their noise shares): the guarantee of {@code included.size() - toleratedColluders} honest shares
 *     (in a SecAgg+ round at most {@link SecAggParameters#protectedSurvivors()}, the smallest group whose
 *     sum the server could learn); empty for an exact sum. This is the round's guarantee.
 * @param toleratedColluders c, the round's {@link SecAggParameters#toleratedColluders()}, {@code >= 0}
 * @param privacyWithoutCollusion with distributed noise, the guarantee if no participant colluded
 *     ({@code included.size()} honest shares), for comparison only; empty for an exact sum
 * @param corruptedShareSenders the unmaskers that revealed at least one wrong share, which the server
 *     corrected (Reed-Solomon decoding) instead of aborting, in round order; empty when every share was
 *     right
 */
public record SecAggResult(long[] sum, List<String> included, List<String> unmaskers,
    Optional<DistributedNoise.PrivacyGuarantee> privacy, int toleratedColluders,
    Optional<DistributedNoise.PrivacyGuarantee> privacyWithoutCollusion, List<String> corruptedShareSenders) {

  /** @throws IllegalArgumentException if toleratedColluders is negative or only one privacy field is set */
  public SecAggResult {
    sum = sum.clone();
    included = List.copyOf(included);
    unmaskers = List.copyOf(unmaskers);
    corruptedShareSenders = List.copyOf(corruptedShareSenders);
    Objects.requireNonNull(privacy, "privacy");
    Objects.requireNonNull(privacyWithoutCollusion, "privacyWithoutCollusion");
    if (toleratedColluders < 0) {
      throw new IllegalArgumentException("`toleratedColluders` must be >= 0, was " + toleratedColluders);
    }
    if (privacy.isPresent() != privacyWithoutCollusion.isPresent()) {
      throw new IllegalArgumentException("`privacy` and `privacyWithoutCollusion` must both be present or both empty");
    }
  }

  /** A result in which every revealed share was right. */
  public SecAggResult(long[] sum, List<String> included, List<String> unmaskers,
      Optional<DistributedNoise.PrivacyGuarantee> privacy, int toleratedColluders,
      Optional<DistributedNoise.PrivacyGuarantee> privacyWithoutCollusion) {
    this(sum, included, unmaskers, privacy, toleratedColluders, privacyWithoutCollusion, List.of());
  }

  @Override
  public long[] sum() {
    return sum.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecAggResult that && Arrays.equals(that.sum, sum) && that.included.equals(included)
        && that.unmaskers.equals(unmaskers) && that.privacy.equals(privacy)
        && that.toleratedColluders == toleratedColluders
        && that.privacyWithoutCollusion.equals(privacyWithoutCollusion)
        && that.corruptedShareSenders.equals(corruptedShareSenders);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(sum) + included.hashCode();
  }

  @Override
  public String toString() {
    return "SecAggResult{length=" + sum.length + ", included=" + included + ", privacy=" + privacy
        + ", toleratedColluders=" + toleratedColluders + ", privacyWithoutCollusion=" + privacyWithoutCollusion
        + ", corruptedShareSenders=" + corruptedShareSenders + "}";
  }
}
