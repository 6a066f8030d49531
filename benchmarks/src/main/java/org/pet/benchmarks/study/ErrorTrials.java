package org.pet.benchmarks.study;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.pet.dp.AggregationParameters;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedQuantiles;
import org.pet.dp.BoundedSum;
import org.pet.dp.BoundedVariance;
import org.pet.dp.Count;
import org.pet.dp.DpHistogram;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.Noise;
import org.pet.dp.utility.ErrorPrediction;
import org.pet.dp.utility.PredictedError;

/**
 * Measures one aggregation's error at one data size and epsilon over seeded trials, beside the error
 * {@link ErrorPrediction} predicts. Every aggregation uses Laplace noise drawn from a seeded
 * {@link SplittableRandom} (reproducible; never for a real release), one privacy unit per record
 * (L0 = Linf = 1) and bounds [0, 100].
 *
 * <p>The data is added once to a template aggregation whose un-noised summary is merged into a fresh
 * aggregation for every trial, so a trial costs one release, not one pass over the data (the histogram,
 * which cannot merge, re-adds its records every trial).
 *
 * <p><b>Where a prediction applies</b> ({@link ErrorRow#predictionApplies()}):
 * <ul>
 *   <li>count: always (exact noise variance, and the rounding of the release to an integer). At large
 *       epsilon almost every rounded release is exact (eps = 10: one in 150 is off), so the measured RMSE
 *       rests on few non-zero errors; counts therefore run {@value #COUNT_TRIAL_FACTOR} times the trials
 *       (a release costs one noise draw), which keeps the RMSE's relative standard error under 3%;</li>
 *   <li>sum: always (exact noise variance, no rounding, no clamping);</li>
 *   <li>mean, variance: the first-order expansion holds when the noisy count is within 10% of n (one
 *       standard deviation) and the predicted relative error is at most 25% (the final clamping to the
 *       bounds then rarely acts);</li>
 *   <li>median: never - the prediction is simulated on evenly spread data, and this data is skewed;</li>
 *   <li>histogram: no prediction (partition selection drops small districts).</li>
 * </ul>
 */
final class ErrorTrials {

  /** Counts run this many times the requested trials (see the class description). */
  static final int COUNT_TRIAL_FACTOR = 50;
  /** The miss probability of the predicted intervals (not used by the RMSE comparison). */
  static final double ALPHA = 0.05;
  /** The histogram's delta, spent on partition selection. */
  static final double HISTOGRAM_DELTA = 1e-5;
  /** The median's tree: 16^3 = 4096 leaves of width 100/4096 (the default 16^4 costs 16x per trial). */
  static final int TREE_HEIGHT = 3;
  static final int BRANCHING_FACTOR = 16;

  private ErrorTrials() {}

  /** The aggregations of the study, in the order of the output. */
  enum Aggregation {
    COUNT, SUM, MEAN, VARIANCE, MEDIAN, HISTOGRAM;

    /** The name used in file names and the CSV. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Runs {@code trials} seeded releases of {@code aggregation} on {@code data} at {@code epsilon}.
   *
   * @param seed seeds the noise and, for the histogram, contribution sampling and selection
   */
  static ErrorRow run(Aggregation aggregation, Dataset data, double epsilon, int trials, long seed) {
    Noise noise = new LaplaceNoise(new SplittableRandom(seed));
    return switch (aggregation) {
      case COUNT -> count(data, epsilon, trials * COUNT_TRIAL_FACTOR, noise);
      case SUM -> sum(data, epsilon, trials, noise);
      case MEAN -> mean(data, epsilon, trials, noise);
      case VARIANCE -> variance(data, epsilon, trials, noise);
      case MEDIAN -> median(data, epsilon, trials, noise);
      case HISTOGRAM -> histogram(data, epsilon, trials, noise, new SplittableRandom(~seed));
    };
  }

  private static ErrorRow count(Dataset data, double epsilon, int trials, Noise noise) {
    Count.Builder builder = Count.builder().epsilon(epsilon).noise(noise);
    double[] estimates = new double[trials];
    for (int i = 0; i < trials; i++) {
      Count count = builder.build();
      count.incrementBy(data.size());
      estimates[i] = count.computeResult();
    }
    PredictedError predicted = ErrorPrediction.count(builder.build().parameters(), ALPHA);
    return ErrorRow.of(Aggregation.COUNT.label(), data.size(), epsilon, 0, data.size(), estimates, predicted,
        "noise_variance_rounded", true);
  }

  private static ErrorRow sum(Dataset data, double epsilon, int trials, Noise noise) {
    BoundedSum.Builder builder =
        BoundedSum.builder().epsilon(epsilon).noise(noise).lower(Dataset.LOWER).upper(Dataset.UPPER);
    double[] estimates = replay(builder::build, BoundedSum::addEntry, BoundedSum::getSerializableSummary,
        BoundedSum::mergeWith, BoundedSum::computeResult, data, trials);
    PredictedError predicted = ErrorPrediction.boundedSum(builder.build().parameters(), ALPHA);
    return ErrorRow.of(Aggregation.SUM.label(), data.size(), epsilon, 0, data.sum(), estimates, predicted,
        "noise_variance", true);
  }

  private static ErrorRow mean(Dataset data, double epsilon, int trials, Noise noise) {
    BoundedMean.Builder builder =
        BoundedMean.builder().epsilon(epsilon).noise(noise).lower(Dataset.LOWER).upper(Dataset.UPPER);
    double[] estimates = replay(builder::build, BoundedMean::addEntry, BoundedMean::getSerializableSummary,
        BoundedMean::mergeWith, BoundedMean::computeResult, data, trials);
    AggregationParameters parameters = builder.build().parameters();
    PredictedError predicted = ErrorPrediction.boundedMean(parameters, data.size(), data.mean(), ALPHA);
    return ErrorRow.of(Aggregation.MEAN.label(), data.size(), epsilon, 0, data.mean(), estimates, predicted,
        "first_order", firstOrderApplies(parameters, 1.0 / 2, data.size(), predicted, data.mean()));
  }

  private static ErrorRow variance(Dataset data, double epsilon, int trials, Noise noise) {
    BoundedVariance.Builder builder =
        BoundedVariance.builder().epsilon(epsilon).noise(noise).lower(Dataset.LOWER).upper(Dataset.UPPER);
    double[] estimates = replay(builder::build, BoundedVariance::addEntry,
        BoundedVariance::getSerializableSummary, BoundedVariance::mergeWith, BoundedVariance::computeResult,
        data, trials);
    AggregationParameters parameters = builder.build().parameters();
    PredictedError predicted =
        ErrorPrediction.boundedVariance(parameters, data.size(), data.mean(), data.variance(), ALPHA);
    return ErrorRow.of(Aggregation.VARIANCE.label(), data.size(), epsilon, 0, data.variance(), estimates,
        predicted, "first_order", firstOrderApplies(parameters, 1.0 / 3, data.size(), predicted, data.variance()));
  }

  private static ErrorRow median(Dataset data, double epsilon, int trials, Noise noise) {
    BoundedQuantiles.Builder builder = BoundedQuantiles.builder().epsilon(epsilon).noise(noise)
        .lower(Dataset.LOWER).upper(Dataset.UPPER).treeHeight(TREE_HEIGHT).branchingFactor(BRANCHING_FACTOR);
    double[] estimates = replay(builder::build, BoundedQuantiles::addEntry,
        BoundedQuantiles::getSerializableSummary, BoundedQuantiles::mergeWith, q -> q.computeResult(0.5), data,
        trials);
    PredictedError predicted = ErrorPrediction.boundedQuantiles(
        builder.build().parameters(), TREE_HEIGHT, BRANCHING_FACTOR, data.size(), 0.5, ALPHA);
    return ErrorRow.of(Aggregation.MEDIAN.label(), data.size(), epsilon, 0, data.median(), estimates, predicted,
        "simulated_even_spread", false);
  }

  /**
   * Partition selection with the optimal keep probability (L0 = 1): epsilon is split between selection
   * and the counts, delta goes to selection. Districts are private keys, found in the data.
   */
  private static ErrorRow histogram(Dataset data, double epsilon, int trials, Noise noise, SplittableRandom random) {
    long[] truth = data.keyCounts();
    int present = 0;
    for (long count : truth) {
      present += count > 0 ? 1 : 0;
    }
    double squares = 0;
    double errors = 0;
    long released = 0;
    for (int t = 0; t < trials; t++) {
      DpHistogram<Integer> histogram = DpHistogram.<Integer>builder().epsilon(epsilon).delta(HISTOGRAM_DELTA)
          .noise(noise).random(random).build();
      for (int i = 0; i < data.size(); i++) {
        histogram.addEntry(data.unitIds()[i], data.keys()[i], 0);
      }
      Map<Integer, Long> counts = histogram.computeCounts();
      for (int key = 0; key < truth.length; key++) {
        if (truth[key] > 0) {
          Long count = counts.get(key);
          released += count == null ? 0 : 1;
          double error = (count == null ? 0 : count) - truth[key];
          squares += error * error;
          errors += error;
        }
      }
    }
    double cells = (double) trials * present;
    return ErrorRow.of(Aggregation.HISTOGRAM.label(), data.size(), epsilon, HISTOGRAM_DELTA, trials,
        (double) data.size() / present, Math.sqrt(squares / cells), errors / cells, null, "none", false,
        released / cells);
  }

  /**
   * Adds the data to one aggregation from {@code build}, then releases {@code trials} fresh aggregations
   * that each merge its summary.
   */
  private static <A> double[] replay(Supplier<A> build, ObjDoubleConsumer<A> add, Function<A, byte[]> summarize,
      BiConsumer<A, byte[]> merge, ToDoubleFunction<A> release, Dataset data, int trials) {
    A template = build.get();
    for (double value : data.values()) {
      add.accept(template, value);
    }
    byte[] summary = summarize.apply(template);
    double[] estimates = new double[trials];
    for (int i = 0; i < trials; i++) {
      A aggregation = build.get();
      merge.accept(aggregation, summary);
      estimates[i] = release.applyAsDouble(aggregation);
    }
    return estimates;
  }

  /**
   * Whether the first-order expansion of a ratio holds: the count, noised with {@code share} of the
   * budget, has a standard deviation of at most 10% of n, and the predicted relative error is at most 25%.
   */
  private static boolean firstOrderApplies(AggregationParameters p, double share, long n, PredictedError predicted,
      double truth) {
    double countSd = Math.sqrt(p.noise().variance(p.maxPartitionsContributed(), p.maxContributionsPerPartition(),
        p.epsilon() * share, p.deltaShare(share)));
    return countSd <= 0.1 * n && predicted.standardDeviation() <= 0.25 * Math.abs(truth);
  }
}
