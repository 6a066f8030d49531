package org.pet.dp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Empirical privacy audit: run a mechanism many times on two neighbouring datasets, histogram the
 * outputs (binning is post-processing, so it can only hide privacy loss, never invent it) and compare
 * bin frequencies.
 *
 * @param observed the largest |log(count0 / count1)| over bins where both counts reach the minimum
 * @param lowerConfidenceBound the largest over those bins of |log ratio| minus 3 standard errors
 *     (sqrt(1/c0 + 1/c1)): a lower confidence bound on the privacy loss; exceeding epsilon is evidence
 *     of a violation (a false alarm below 0.14% per bin)
 * @param bins the number of bins compared
 */
record PrivacyAudit(double observed, double lowerConfidenceBound, int bins) {

  static final int MIN_BIN_COUNT = 2_000;

  /**
   * @param runs draws per dataset
   * @param binWidth histogram bin width for the outputs (1 for integer outputs)
   */
  static PrivacyAudit run(int runs, double binWidth, DoubleSupplier onDataset, DoubleSupplier onNeighbour) {
    Map<Long, int[]> histogram = new HashMap<>();
    DoubleSupplier[] mechanisms = {onDataset, onNeighbour};
    for (int which = 0; which < 2; which++) {
      for (int i = 0; i < runs; i++) {
        long bin = (long) Math.floor(mechanisms[which].getAsDouble() / binWidth);
        histogram.computeIfAbsent(bin, k -> new int[2])[which]++;
      }
    }
    double observed = 0;
    double lower = Double.NEGATIVE_INFINITY;
    int bins = 0;
    for (int[] counts : histogram.values()) {
      if (counts[0] >= MIN_BIN_COUNT && counts[1] >= MIN_BIN_COUNT) {
        bins++;
        double logRatio = Math.abs(Math.log((double) counts[0] / counts[1]));
        observed = Math.max(observed, logRatio);
        lower = Math.max(lower, logRatio - 3 * Math.sqrt(1.0 / counts[0] + 1.0 / counts[1]));
      }
    }
    return new PrivacyAudit(observed, lower, bins);
  }
}
