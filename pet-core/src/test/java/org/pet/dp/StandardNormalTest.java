package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

  /** Reference values of erfc from a libm implementation (CPython math.erfc). */
  @ParameterizedTest
  @CsvSource({
      "0.5, 0.4795001221869535",
      "1.0, 0.15729920705028513",
      "1.5, 0.033894853524689274",
      "1.99, 0.004888586800383003",
      "2.0, 0.004677734981047265",
      "2.5, 0.0004069520174449589",
      "3.0, 2.2090496998585438e-05",
      "6.0, 2.1519736712498916e-17",
      "10.0, 2.088487583762545e-45",
      "-1.0, 1.842700792949715"})
  void erfc_matchesReferenceToTwelveDigits(double z, double expected) {
    assertThat(StandardNormal.erfc(z)).isCloseTo(expected, withinPercentage(1e-10));
  }

  @Test
  void logCdf_farLowerTail_matchesAsymptoticSeries() {
    assertThat(StandardNormal.logCdf(-40)).isCloseTo(-804.6084420137537, within(1e-9));
    assertThat(StandardNormal.logCdf(-10)).isCloseTo(-53.23128515051246, within(1e-9));
  }

  @Test
  void quantile_invertsCdf() {
    assertThat(StandardNormal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-12));
    assertThat(StandardNormal.quantile(0.5)).isCloseTo(0.0, within(1e-12));
    assertThat(StandardNormal.cdf(StandardNormal.quantile(1e-9))).isCloseTo(1e-9, withinPercentage(1e-6));
  }
}
