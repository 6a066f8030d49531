package org.pet.benchmarks.study;

import java.util.Arrays;
import java.util.List;
import org.pet.dp.utility.PredictedError;

/**
 * One cell of the error study: an aggregation at one data size and epsilon, measured over seeded trials,
 * beside its predicted error.
 *
 * @param aggregation count, sum, mean, variance, median or histogram
 * @param n the number of privacy units
 * @param epsilon the aggregation's epsilon
 * @param delta the aggregation's delta (0 for pure DP)
 * @param trials the number of seeded releases
 * @param truth the un-noised value (for the histogram: the mean count per district present in the data)
 * @param rmse the root-mean-square error of the releases (histogram: over districts present, a district
 *     not released counting as 0)
 * @param relativeError rmse / |truth|
 * @param bias the mean release minus the truth
 * @param predictedRmse {@link PredictedError#standardDeviation()} from {@code ErrorPrediction}, NaN if none
 * @param predictedRelativeError predictedRmse / |truth|
 * @param measuredOverPredicted rmse / predictedRmse
 * @param prediction how the prediction is made: {@code noise_variance} (exact noise variance),
 *     {@code first_order} (delta method), {@code simulated_even_spread} (simulated on evenly spread data)
 *     or {@code none}
 * @param predictionApplies whether the cell lies where the prediction's assumptions hold (see
 *     {@link ErrorTrials})
 * @param releasedFraction for the histogram, the fraction of (trial, district present) pairs released;
 *     NaN for the other aggregations
 */
record ErrorRow(String aggregation, int n, double epsilon, double delta, int trials, double truth, double rmse,
    double relativeError, double bias, double predictedRmse, double predictedRelativeError,
    double measuredOverPredicted, String prediction, boolean predictionApplies, double releasedFraction)
    implements Csv.Row {

  static final List<String> HEADER = List.of("aggregation", "n", "epsilon", "delta", "trials", "truth", "rmse",
      "relative_error", "bias", "predicted_rmse", "predicted_relative_error", "measured_over_predicted",
      "prediction", "prediction_applies", "released_fraction");

  /** The row of releases {@code estimates} of {@code truth}, beside {@code predicted} (null for none). */
  static ErrorRow of(String aggregation, int n, double epsilon, double delta, double truth, double[] estimates,
      PredictedError predicted, String prediction, boolean applies) {
    double squares = Arrays.stream(estimates).map(e -> (e - truth) * (e - truth)).sum();
    double rmse = Math.sqrt(squares / estimates.length);
    double bias = Arrays.stream(estimates).average().orElseThrow() - truth;
    return of(aggregation, n, epsilon, delta, estimates.length, truth, rmse, bias, predicted, prediction, applies,
        Double.NaN);
  }

  /** The row of measured {@code rmse} and {@code bias}, beside {@code predicted} (null for none). */
  static ErrorRow of(String aggregation, int n, double epsilon, double delta, int trials, double truth, double rmse,
      double bias, PredictedError predicted, String prediction, boolean applies, double releasedFraction) {
    double predictedRmse = predicted == null ? Double.NaN : predicted.standardDeviation();
    return new ErrorRow(aggregation, n, epsilon, delta, trials, truth, rmse, rmse / Math.abs(truth), bias,
        predictedRmse, predictedRmse / Math.abs(truth), rmse / predictedRmse, prediction, applies, releasedFraction);
  }

  /** Whether measured and predicted RMSE agree within {@code tolerance} (relative); false without a prediction. */
  boolean agreesWithin(double tolerance) {
    return Math.abs(measuredOverPredicted - 1) <= tolerance;
  }

  @Override
  public List<Object> fields() {
    return List.of(aggregation, n, epsilon, delta, trials, truth, rmse, relativeError, bias, predictedRmse,
        predictedRelativeError, measuredOverPredicted, prediction, predictionApplies, releasedFraction);
  }
}
