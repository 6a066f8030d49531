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
 * @param privacy with distributed noise, the (epsilon, delta) the noised sum achieves with
 *     {@code included.size()} contributors; empty for an exact sum
 */
public record SecAggResult(long[] sum, List<String> included, List<String> unmaskers,
    Optional<DistributedNoise.PrivacyGuarantee> privacy) {

  public SecAggResult {
    sum = sum.clone();
    included = List.copyOf(included);
    unmaskers = List.copyOf(unmaskers);
    Objects.requireNonNull(privacy, "privacy");
  }

  @Override
  public long[] sum() {
    return sum.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecAggResult that && Arrays.equals(that.sum, sum) && that.included.equals(included)
        && that.unmaskers.equals(unmaskers) && that.privacy.equals(privacy);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(sum) + included.hashCode();
  }

  @Override
  public String toString() {
    return "SecAggResult{length=" + sum.length + ", included=" + included + ", privacy=" + privacy + "}";
  }
}
