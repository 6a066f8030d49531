package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secure aggregation example of README.md, kept compiling and true. */
class ReadmeExampleTest {

  @Test
  void readmeExample_runsAndGivesNoisyTotalsOfTheSurvivors() {
    List<String> agencies = List.of("council", "nhs-trust", "police");
    FixedPointEncoder encoder = FixedPointEncoder.forSum(agencies.size(), 1e6, 16);
    SecAggParameters round = SecAggParameters.builder()
        .roundId("referrals-2026-11").participants(agencies).threshold(2).vectorLength(4)
        .distributedNoise(DistributedNoise.discreteGaussian(1.0, 1e-6, 1 << 16, 4, 2))
        .build();
    SecAggClient me = new SecAggClient(round, "council", encoder.encode(new double[] {12, 40, 31, 7}), null);
    assertThat(me.advertiseKeys().sender()).isEqualTo("council");

    Map<String, long[]> inputs = Map.of("council", encoder.encode(new double[] {12, 40, 31, 7}),
        "nhs-trust", encoder.encode(new double[] {3, 18, 22, 5}),
        "police", encoder.encode(new double[] {9, 11, 2, 0}));
    SecAggSimulation.Report report = SecAggSimulation.run(round, inputs, Map.of(),
        Map.of("police", SecAggSimulation.Stage.UNMASKING));
    double[] totals = encoder.decode(report.result().sum());
    double[] exact = {24, 69, 55, 12};
    DistributedNoise noise = round.noise();
    // 6 standard deviations of the summed noise (in real units): a false alarm below 2e-9 per value.
    double tolerance = 6 * Math.sqrt(noise.totalVariance(3)) / (1 << 16);
    for (int i = 0; i < 4; i++) {
      assertThat(totals[i]).isCloseTo(exact[i], within(tolerance));
    }
    assertThat(report.result().privacy()).hasValueSatisfying(p -> assertThat(p.epsilon()).isLessThan(1.0));
  }
}
