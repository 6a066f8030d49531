package org.pet.secagg;

import java.util.Arrays;
import java.util.List;

/**
 * The outcome of a secure aggregation round.
 *
 * @param sum the sum of the included participants' input vectors, exact in Z_2^64 (decode with the
 *     round's {@link FixedPointEncoder})
 * @param included the participants whose inputs are in the sum (U3)
 * @param unmaskers the participants whose shares unmasked it
 */
public record SecAggResult(long[] sum, List<String> included, List<String> unmaskers) {

  public SecAggResult {
    sum = sum.clone();
    included = List.copyOf(included);
    unmaskers = List.copyOf(unmaskers);
  }

  @Override
  public long[] sum() {
    return sum.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecAggResult that && Arrays.equals(that.sum, sum) && that.included.equals(included)
        && that.unmaskers.equals(unmaskers);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(sum) + included.hashCode();
  }

  @Override
  public String toString() {
    return "SecAggResult{length=" + sum.length + ", included=" + included + "}";
  }
}
