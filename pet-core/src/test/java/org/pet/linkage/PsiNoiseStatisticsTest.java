package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The released size and sum carry discrete Laplace noise of the stated scales, unbiased. Fixed seeds; the
 * tolerances are 5 standard errors of the sample mean (two-sided false alarm about 6e-7 per check) and
 * 40% on the variance: with the Laplace kurtosis of 6 the sample variance's relative standard error at
 * n = 400 is sqrt(5 / 400) = 11%, so 40% is 3.6 standard errors (false alarm about 3e-4).
 */
class PsiNoiseStatisticsTest {

  private static final int SESSIONS = 400;

  @Test
  void releasedOutputs_haveUnbiasedDiscreteLaplaceNoiseOfTheStatedScale() {
    PsiParameters parameters = PsiParameters.builder().sessionId("noise").sum(10)
        .cardinalityEpsilon(1.0).sumEpsilon(1.0).build();
    List<String> identifiers = IntStream.range(0, 6).mapToObj(i -> "person-" + i).toList();
    List<PsiRecord> records = IntStream.range(3, 9).mapToObj(i -> new PsiRecord("person-" + i, 4)).toList();
    long trueCardinality = 3;
    long trueSum = 12;

    double[] cardinalityNoise = new double[SESSIONS];
    double[] sumNoise = new double[SESSIONS];
    for (int s = 0; s < SESSIONS; s++) {
      PsiResult result = LinkageSessions.run(LinkageSessions.identifierParty(parameters, identifiers, 1000 + s),
          LinkageSessions.valueParty(parameters, records, 5000 + s)).valueResult();
      cardinalityNoise[s] = result.cardinality() - trueCardinality;
      sumNoise[s] = result.sum().orElseThrow() - trueSum;
    }

    assertNoise(cardinalityNoise, 1.0);
    assertNoise(sumNoise, 10.0);
  }

  private static void assertNoise(double[] noise, double scale) {
    double p = Math.exp(-1 / scale);
    double variance = 2 * p / ((1 - p) * (1 - p));
    double mean = java.util.Arrays.stream(noise).average().orElseThrow();
    double sampleVariance = java.util.Arrays.stream(noise).map(x -> (x - mean) * (x - mean)).sum() / (noise.length - 1);

    assertThat(mean).isBetween(-5 * Math.sqrt(variance / noise.length), 5 * Math.sqrt(variance / noise.length));
    assertThat(sampleVariance / variance).isBetween(0.6, 1.4);
  }
}
