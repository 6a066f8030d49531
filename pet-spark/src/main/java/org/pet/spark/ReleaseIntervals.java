package org.pet.spark;

import org.pet.dp.ConfidenceInterval;
import org.pet.dp.Noise;
import org.pet.publish.ReleaseTable;

/**
 * The confidence intervals of a {@link SparkDpQuery}'s count and sum outputs at any alpha, for
 * {@link ReleaseTable#releaseNoisy}: the query's noise with the sensitivities and budget share its count
 * (L0, Linf) and sum (L0, Linf * max(|lower|, |upper|)) outputs were noised with. Spends no budget.
 */
final class ReleaseIntervals implements ReleaseTable.NoiseIntervals {

  private final Noise noise;
  private final QuerySpec spec;
  private final double sumSensitivity;

  /** @param sumBound max(|lower|, |upper|) of the sum output, or 0 without one */
  ReleaseIntervals(QuerySpec spec, double sumBound) {
    this.noise = spec.noise().create();
    this.spec = spec;
    this.sumSensitivity = spec.maxContributions() * sumBound;
  }

  @Override
  public ConfidenceInterval count(double noisyCount, double alpha) {
    return interval(noisyCount, spec.maxContributions(), alpha);
  }

  @Override
  public ConfidenceInterval sum(double noisySum, double alpha) {
    return interval(noisySum, sumSensitivity, alpha);
  }

  private ConfidenceInterval interval(double value, double lInf, double alpha) {
    BudgetSplit split = spec.split();
    Double delta = noise.isPure() ? null : split.outputDelta();
    return noise.computeConfidenceInterval(value, spec.maxGroups(), lInf, split.outputEpsilon(), delta, alpha);
  }
}
