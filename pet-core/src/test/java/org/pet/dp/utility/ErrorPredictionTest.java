package org.pet.dp.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedQuantiles;
import org.pet.dp.BoundedSum;
import org.pet.dp.BoundedVariance;
import org.pet.dp.Count;
import org.pet.dp.GaussianNoise;
import org.pet.dp.LaplaceNoise;

/**
 * Predicted error against the root-mean-square error measured over 4000 seeded releases. With 4000 runs
 * the RMSE estimate has a relative standard error of about sqrt((kurtosis - 1) / (4 n)) <= 1.8% (Laplace
 * kurtosis 6), so a 10% tolerance is more than 5 standard errors.
 */
class ErrorPredictionTest {

  private static final int RUNS = 4000;
  private final SplittableRandom random = new SplittableRandom(77);

  private static double rmse(double truth, DoubleSupplier release) {
    return rmse(truth, RUNS, release);
  }

  private static double rmse(double truth, int runs, DoubleSupplier release) {
    double squares = 0;
    for (int i = 0; i < runs; i++) {
      double error = release.getAsDouble() - truth;
      squares += error * error;
    }
    return Math.sqrt(squares / runs);
  }

  @Test
  void count_predictedMatchesMeasured() {
    Count template = Count.builder().epsilon(0.3).maxContributionsPerPartition(2).maxPartitionsContributed(3).build();
    PredictedError predicted = ErrorPrediction.count(template.parameters(), 0.05);
    double measured = rmse(100, () -> {
      Count count = Count.builder().epsilon(0.3).maxContributionsPerPartition(2).maxPartitionsContributed(3)
          .noise(new LaplaceNoise(random)).build();
      count.incrementBy(100);
      return count.computeResult();
    });
    assertThat(measured).isCloseTo(predicted.standardDeviation(), within(0.1 * predicted.standardDeviation()));
    // Laplace: the 95% half-width is b ln(20) = sd ln(20) / sqrt(2), up to rounding.
    assertThat(predicted.confidenceHalfWidth())
        .isCloseTo(predicted.standardDeviation() * Math.log(20) / Math.sqrt(2), within(1.0));
  }

  /**
   * At large epsilon most releases are exact after rounding, so the count's RMSE falls below the noise's
   * standard deviation (Laplace eps = 5: sd 0.28, rounded RMSE 0.13; Gaussian sigma 0.6: rounded RMSE
   * 0.57); at small epsilon it is the noise's, plus Sheppard's 1/12. 20,000 releases: where most errors are
   * 0 (Laplace eps = 5, P(error != 0) = 0.08) the RMSE estimate's relative standard error is about
   * sqrt(1/0.08) / (2 sqrt(20000)) = 1.3%, so 6% is more than 4 standard errors.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {5, 2, 0.05})
  void count_roundingIsPartOfThePrediction(double epsilon) {
    for (boolean gaussian : new boolean[] {false, true}) {
      Count.Builder builder = Count.builder().epsilon(epsilon);
      if (gaussian) {
        builder.delta(1e-5).noise(new GaussianNoise(random));
      } else {
        builder.noise(new LaplaceNoise(random));
      }
      PredictedError predicted = ErrorPrediction.count(builder.build().parameters(), 0.05);
      double measured = rmse(1000, 20_000, () -> {
        Count count = builder.build();
        count.incrementBy(1000);
        return count.computeResult();
      });
      assertThat(measured).as("epsilon %s gaussian %s", epsilon, gaussian)
          .isCloseTo(predicted.standardDeviation(), within(0.06 * predicted.standardDeviation()));
    }
  }

  @Test
  void roundedStandardDeviation_limits() {
    // Narrow Laplace: only |N| >= 1/2 rounds away from 0; P = exp(-0.5 / b).
    double b = 0.1;
    assertThat(ErrorPrediction.roundedStandardDeviation(org.pet.dp.MechanismType.LAPLACE, 2 * b * b))
        .isCloseTo(Math.sqrt(Math.exp(-5) + 3 * Math.exp(-15)), within(1e-9));
    // Wide noise: Sheppard's correction, continuous on both sides of the switch at sd = 20.
    double below = ErrorPrediction.roundedStandardDeviation(org.pet.dp.MechanismType.GAUSSIAN, 399.99);
    double above = ErrorPrediction.roundedStandardDeviation(org.pet.dp.MechanismType.GAUSSIAN, 400.01);
    assertThat(below).isCloseTo(Math.sqrt(399.99 + 1.0 / 12), within(1e-9));
    assertThat(above).isCloseTo(Math.sqrt(400.01 + 1.0 / 12), within(1e-12));
    assertThat(ErrorPrediction.roundedStandardDeviation(org.pet.dp.MechanismType.DISCRETE_LAPLACE, 2.0))
        .isEqualTo(Math.sqrt(2.0));
  }

  @Test
  void boundedSum_predictedMatchesMeasuredWithGaussianNoise() {
    BoundedSum template = BoundedSum.builder().epsilon(1).delta(1e-6).noise(new GaussianNoise()).lower(-2).upper(5).build();
    PredictedError predicted = ErrorPrediction.boundedSum(template.parameters(), 0.05);
    double measured = rmse(40, () -> {
      BoundedSum sum = BoundedSum.builder().epsilon(1).delta(1e-6).noise(new GaussianNoise(random)).lower(-2).upper(5)
          .build();
      for (int i = 0; i < 10; i++) {
        sum.addEntry(4);
      }
      return sum.computeResult();
    });
    assertThat(measured).isCloseTo(predicted.standardDeviation(), within(0.1 * predicted.standardDeviation()));
    assertThat(predicted.confidenceHalfWidth()).isCloseTo(1.96 * predicted.standardDeviation(),
        within(0.01 * predicted.standardDeviation()));
  }

  @Test
  void boundedMean_predictedMatchesMeasured() {
    double[] data = new SplittableRandom(1).doubles(400, 20, 60).toArray();
    double truth = java.util.Arrays.stream(data).average().orElseThrow();
    BoundedMean template = BoundedMean.builder().epsilon(0.5).lower(0).upper(100).build();
    PredictedError predicted = ErrorPrediction.boundedMean(template.parameters(), data.length, truth, 0.05);
    double measured = rmse(truth, () -> {
      BoundedMean mean = BoundedMean.builder().epsilon(0.5).lower(0).upper(100).noise(new LaplaceNoise(random)).build();
      for (double x : data) {
        mean.addEntry(x);
      }
      return mean.computeResult();
    });
    assertThat(measured).isCloseTo(predicted.standardDeviation(), within(0.1 * predicted.standardDeviation()));
  }

  @Test
  void boundedVariance_predictedMatchesMeasured() {
    double[] data = new SplittableRandom(2).doubles(3000, 10, 50).toArray();
    double mean = java.util.Arrays.stream(data).average().orElseThrow();
    double truth = java.util.Arrays.stream(data).map(x -> (x - mean) * (x - mean)).average().orElseThrow();
    BoundedVariance template = BoundedVariance.builder().epsilon(1).lower(0).upper(100).build();
    PredictedError predicted = ErrorPrediction.boundedVariance(template.parameters(), data.length, mean, truth, 0.05);
    double measured = rmse(truth, () -> {
      BoundedVariance variance = BoundedVariance.builder().epsilon(1).lower(0).upper(100)
          .noise(new LaplaceNoise(random)).build();
      for (double x : data) {
        variance.addEntry(x);
      }
      return variance.computeResult();
    });
    assertThat(measured).isCloseTo(predicted.standardDeviation(), within(0.1 * predicted.standardDeviation()));
  }

  /**
   * Quantiles are predicted for evenly spread data (the prediction's stated assumption); the measurement
   * uses such data too. Real data can differ by tens of percent, depending on where the quantile falls
   * relative to the tree's node boundaries.
   */
  @Test
  void boundedQuantiles_predictedMatchesMeasuredForEvenlySpreadData() {
    int n = 20_000;
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = (i + 0.5) / n * 100;
    }
    for (double rank : new double[] {0.5, 0.9}) {
      double truth = rank * 100;
      BoundedQuantiles template = BoundedQuantiles.builder().epsilon(1).lower(0).upper(100).build();
      PredictedError predicted = ErrorPrediction.boundedQuantiles(template.parameters(), 4, 16, n, rank, 0.05);
      double measured = rmse(truth, () -> {
        BoundedQuantiles quantiles = BoundedQuantiles.builder().epsilon(1).lower(0).upper(100)
            .noise(new LaplaceNoise(random)).build();
        for (double x : data) {
          quantiles.addEntry(x);
        }
        return quantiles.computeResult(rank);
      });
      assertThat(measured).as("rank %s", rank)
          .isCloseTo(predicted.standardDeviation(), within(0.1 * predicted.standardDeviation()));
    }
  }

  @Test
  void predictions_badArguments_rejected() {
    BoundedMean template = BoundedMean.builder().epsilon(1).lower(0).upper(1).build();
    assertThatThrownBy(() -> ErrorPrediction.boundedMean(template.parameters(), 0, 0.5, 0.05))
        .hasMessageContaining("`expectedCount`");
    assertThatThrownBy(() -> ErrorPrediction.boundedMean(template.parameters(), 10, 0.5, 2))
        .hasMessageContaining("`alpha`");
    Count count = Count.builder().epsilon(1).build();
    assertThatThrownBy(() -> ErrorPrediction.boundedVariance(count.parameters(), 10, 0, 1, 0.05))
        .hasMessageContaining("bounded");
  }
}
