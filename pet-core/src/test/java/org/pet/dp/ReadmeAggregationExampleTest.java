package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pet.dp.utility.ErrorPrediction;
import org.pet.dp.utility.PredictedError;

/** The aggregation example of README.md, kept compiling and sensible. */
class ReadmeAggregationExampleTest {

  @Test
  void readmeExample_runs() {
    SplittableRandom data = new SplittableRandom(1);
    List<Double> incomes = data.doubles(10_000, 10_000, 50_000).boxed().toList();
    List<Double> waitingDays = data.doubles(5_000, 0, 100).boxed().toList();

    BoundedMean meanIncome = BoundedMean.builder()
        .epsilon(0.5).lower(0).upper(200_000)
        .maxPartitionsContributed(1).maxContributionsPerPartition(1)
        .build();
    PredictedError before = ErrorPrediction.boundedMean(meanIncome.parameters(), 10_000, 30_000, 0.05);
    incomes.forEach(meanIncome::addEntry);
    double answer = meanIncome.computeResult();
    ConfidenceInterval meanCi = meanIncome.computeConfidenceInterval(0.05);
    double truth = incomes.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    // 12 predicted standard deviations around the data's own mean: the error is a sum of Laplace terms,
    // whose tail beyond k standard deviations is about exp(-k sqrt 2), so this fails with p < 1e-7.
    assertThat(answer).isBetween(truth - 12 * before.standardDeviation(), truth + 12 * before.standardDeviation());
    assertThat(meanCi.contains(answer)).isTrue();

    Count referrals = Count.builder().epsilon(1).maxContributionsPerPartition(3).build();
    referrals.incrementBy(412);
    long noisy = referrals.computeResult();
    ConfidenceInterval ci = referrals.computeConfidenceInterval(0.05);
    assertThat(ci.contains(noisy)).isTrue();

    BoundedQuantiles waits = BoundedQuantiles.builder().epsilon(1).lower(0).upper(365).build();
    waitingDays.forEach(waits::addEntry);
    double median = waits.computeResult(0.5);
    double p90 = waits.computeResult(0.9);
    ConfidenceInterval medianCi = waits.computeConfidenceInterval(0.5, 0.05);
    assertThat(median).isBetween(40.0, 60.0);
    assertThat(p90).isBetween(median, 100.0);
    assertThat(medianCi.contains(median)).isTrue();
  }
}
