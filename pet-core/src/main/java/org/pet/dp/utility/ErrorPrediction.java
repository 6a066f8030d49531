package org.pet.dp.utility;

import java.util.Arrays;
import org.pet.dp.AggregationParameters;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedQuantiles;
import org.pet.dp.BoundedSum;
import org.pet.dp.BoundedVariance;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.Count;
import org.pet.dp.MechanismType;
import org.pet.dp.Noise;
import org.pet.dp.StandardNormal;

/**
 * Predicts each aggregation's error from its parameters (epsilon, delta, bounds, contribution limits,
 * mechanism) before any data is touched, so that researchers can choose epsilon. Count and sum errors are
 * exact (the noise's own variance and interval; for the count, with the rounding of the release to an
 * integer); mean and variance use the first-order (delta-method)
 * expansion around the expected data, accurate when the expected count is large compared with the noise,
 * and ignore the final clamping to the bounds; quantiles are simulated on synthetic data.
 *
 * <p>The predicted half-widths describe the typical error before the release. The intervals the
 * aggregations compute after it ({@code computeConfidenceInterval}) are guarantees from the same noise:
 * for {@link Count} and {@link BoundedSum} the same noise interval (the count's widened to integers, so
 * about the predicted half-width; the sum's clamped to the sign of its bounds, so at most that), for
 * {@link BoundedMean} and {@link BoundedQuantiles} conservative union bounds, wider than predicted here.
 */
public final class ErrorPrediction {

  private ErrorPrediction() {}

  /**
   * The error of {@link Count#computeResult()}: the noise's exact interval, and the root-mean-square error
   * of the noise after the release is rounded to an integer. With real-valued noise N the error is
   * round(N); for symmetric N, E[round(N)^2] = sum over k &gt;= 1 of (2k - 1) P(|N| &gt;= k - 1/2), summed
   * exactly from the Laplace or Gaussian tail while the noise is narrow (standard deviation up to 20),
   * else Var(N) + 1/12 (Sheppard's correction; its error is below 1e-12 there). At large epsilon the
   * rounded error is smaller than the noise's own standard deviation: most releases are exact.
   */
  public static PredictedError count(AggregationParameters p, double alpha) {
    PredictedError noise = exact(p.noise(), p, p.maxContributionsPerPartition(), 1, alpha, 0.5);
    double variance = noise.standardDeviation() * noise.standardDeviation();
    return new PredictedError(roundedStandardDeviation(p.noise().getMechanismType(), variance),
        noise.confidenceHalfWidth(), alpha);
  }

  /** The RMSE of round(N) for symmetric noise N of the given type and variance (see {@link #count}). */
  static double roundedStandardDeviation(MechanismType type, double variance) {
    if (type == MechanismType.DISCRETE_LAPLACE || type == MechanismType.DISCRETE_GAUSSIAN) {
      return Math.sqrt(variance); // already an integer
    }
    double sd = Math.sqrt(variance);
    if (sd > 20) {
      return Math.sqrt(variance + 1.0 / 12);
    }
    double laplaceScale = Math.sqrt(variance / 2);
    double squares = 0;
    for (int k = 1; ; k++) {
      double u = k - 0.5;
      double tail = type == MechanismType.LAPLACE ? Math.exp(-u / laplaceScale) : 2 * StandardNormal.cdf(-u / sd);
      double term = (2 * k - 1) * tail;
      squares += term;
      if (term <= 1e-17 * squares || tail == 0) {
        return Math.sqrt(squares);
      }
    }
  }

  /** The error of {@link BoundedSum#computeResult()}. */
  public static PredictedError boundedSum(AggregationParameters p, double alpha) {
    return exact(p.noise(), p, p.maxContributionsPerPartition() * p.maxMagnitude(), 1, alpha, 0);
  }

  /**
   * The error of {@link BoundedMean#computeResult()} for about {@code expectedCount} entries with mean
   * {@code expectedMean}: with noise N_c on the count and N_s on the shifted sum, the error is about
   * (N_s - (mean - midpoint) N_c) / n.
   */
  public static PredictedError boundedMean(
      AggregationParameters p, long expectedCount, double expectedMean, double alpha) {
    checkData(expectedCount);
    double h = halfWidth(p);
    double countVariance = variance(p, p.maxContributionsPerPartition(), 0.5);
    double sumVariance = variance(p, p.maxContributionsPerPartition() * h, 0.5);
    double shift = expectedMean - p.midpoint();
    double n = expectedCount;
    return normal(Math.sqrt(sumVariance + shift * shift * countVariance) / n, alpha);
  }

  /**
   * The error of {@link BoundedVariance#computeResult()} for about {@code expectedCount} entries with the
   * given mean and variance. With y = x - midpoint, mu1 = E[y], mu2 = E[y^2] and noise N_c, N_1, N_2 on the
   * count, the sum and the shifted sum of squares, the error is about
   * (N_2 - 2 mu1 N_1 + (2 mu1^2 - (mu2 - h^2/2)) N_c) / n.
   */
  public static PredictedError boundedVariance(AggregationParameters p, long expectedCount, double expectedMean,
      double expectedVariance, double alpha) {
    checkData(expectedCount);
    double h = halfWidth(p);
    double third = 1.0 / 3;
    double countVariance = variance(p, p.maxContributionsPerPartition(), third);
    double sumVariance = variance(p, p.maxContributionsPerPartition() * h, third);
    double squaresVariance = variance(p, p.maxContributionsPerPartition() * h * h / 2, third);
    double mu1 = expectedMean - p.midpoint();
    double mu2 = expectedVariance + mu1 * mu1;
    double countFactor = 2 * mu1 * mu1 - (mu2 - h * h / 2);
    double n = expectedCount;
    return normal(Math.sqrt(squaresVariance + 4 * mu1 * mu1 * sumVariance + countFactor * countFactor * countVariance) / n,
        alpha);
  }

  /** Simulated releases per quantile prediction: the RMSE estimate's relative standard error is ~3%. */
  static final int QUANTILE_SIMULATIONS = 1000;

  /**
   * The error of {@link org.pet.dp.BoundedQuantiles#computeResult(double)} at {@code rank} for about
   * {@code expectedCount} values spread evenly over [lower, upper]. A hierarchical histogram's error
   * depends on where the rank falls relative to the tree's node boundaries, so this is predicted by
   * simulation: the un-noised tree of the synthetic data is built once and {@value #QUANTILE_SIMULATIONS}
   * noisy releases are drawn from it with the aggregation's own noise (synthetic data only; nothing
   * about real data is used or released). The half-width is the empirical (1 - alpha) quantile of the
   * absolute error. Real data can differ from this by tens of percent: the error depends on where the
   * quantile falls relative to the tree's node boundaries.
   *
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static PredictedError boundedQuantiles(AggregationParameters p, int treeHeight, int branchingFactor,
      long expectedCount, double rank, double alpha) {
    checkData(expectedCount);
    halfWidth(p);
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("`alpha` must be in (0, 1), was " + alpha);
    }
    if (expectedCount > 10_000_000) {
      throw new IllegalArgumentException("`expectedCount` must be <= 10^7 for a simulated prediction, was "
          + expectedCount);
    }
    BoundedQuantiles template = quantiles(p, treeHeight, branchingFactor);
    double width = p.upper() - p.lower();
    for (long i = 0; i < expectedCount; i++) {
      template.addEntry(p.lower() + (i + 0.5) / expectedCount * width);
    }
    byte[] tree = template.getSerializableSummary();
    double truth = p.lower() + rank * width;
    double[] errors = new double[QUANTILE_SIMULATIONS];
    double squares = 0;
    for (int i = 0; i < errors.length; i++) {
      BoundedQuantiles release = quantiles(p, treeHeight, branchingFactor);
      release.mergeWith(tree);
      errors[i] = Math.abs(release.computeResult(rank) - truth);
      squares += errors[i] * errors[i];
    }
    Arrays.sort(errors);
    double halfWidth = errors[(int) Math.min(errors.length - 1, Math.ceil((1 - alpha) * errors.length))];
    return new PredictedError(Math.sqrt(squares / errors.length), halfWidth, alpha);
  }

  private static BoundedQuantiles quantiles(AggregationParameters p, int treeHeight, int branchingFactor) {
    BoundedQuantiles.Builder builder = BoundedQuantiles.builder().epsilon(p.epsilon()).noise(p.noise())
        .maxPartitionsContributed(p.maxPartitionsContributed())
        .maxContributionsPerPartition(p.maxContributionsPerPartition())
        .lower(p.lower()).upper(p.upper()).treeHeight(treeHeight).branchingFactor(branchingFactor);
    if (p.delta() > 0) {
      builder.delta(p.delta());
    }
    return builder.build();
  }

  private static PredictedError exact(Noise noise, AggregationParameters p, double lInf, double share, double alpha,
      double rounding) {
    double sd = Math.sqrt(variance(p, lInf, share));
    ConfidenceInterval interval = noise.computeConfidenceInterval(0, p.maxPartitionsContributed(), lInf,
        p.epsilon() * share, p.deltaShare(share), alpha);
    return new PredictedError(sd, interval.width() / 2 + rounding, alpha);
  }

  private static double variance(AggregationParameters p, double lInf, double share) {
    return p.noise().variance(p.maxPartitionsContributed(), lInf, p.epsilon() * share, p.deltaShare(share));
  }

  private static PredictedError normal(double sd, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("`alpha` must be in (0, 1), was " + alpha);
    }
    return new PredictedError(sd, sd * StandardNormal.quantile(1 - alpha / 2), alpha);
  }

  private static double halfWidth(AggregationParameters p) {
    if (!p.bounded()) {
      throw new IllegalArgumentException("the aggregation must be bounded (lower and upper set)");
    }
    return (p.upper() - p.lower()) / 2;
  }

  private static void checkData(long expectedCount) {
    if (expectedCount < 1) {
      throw new IllegalArgumentException("`expectedCount` must be >= 1, was " + expectedCount);
    }
  }
}
