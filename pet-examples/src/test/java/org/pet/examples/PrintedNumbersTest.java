package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import org.junit.jupiter.api.Test;

class PrintedNumbersTest {

  private final PrintedNumbers rounded = PrintedNumbers.rounded();
  private final PrintedNumbers full = PrintedNumbers.full();

  @Test
  void estimate_magnitudeAtLeastOne_hasTwoDecimals() {
    assertThat(rounded.estimate(301.8412345678)).isEqualTo("301.84");
    assertThat(rounded.estimate(-12345678.905)).isEqualTo("-12345678.91");
    assertThat(rounded.estimate(2.0)).isEqualTo("2.00");
  }

  @Test
  void estimate_magnitudeBelowOne_hasThreeSignificantDigits() {
    assertThat(rounded.estimate(0.045678)).isEqualTo("0.0457");
    assertThat(rounded.estimate(-0.5432)).isEqualTo("-0.543");
    assertThat(rounded.estimate(0.000123456)).isEqualTo("0.000123");
    assertThat(rounded.estimate(0.0)).isEqualTo("0.00");
    assertThat(rounded.estimate(-0.0000001)).isEqualTo("-0.000000100");
  }

  @Test
  void estimate_wholeNumberFromJson_printsAsAnInteger() {
    assertThat(rounded.estimate(LongNode.valueOf(412))).isEqualTo("412");
    assertThat(rounded.estimate(DoubleNode.valueOf(147.8412))).isEqualTo("147.84");
  }

  @Test
  void estimate_notFinite_printsAsJavaDoes() {
    assertThat(rounded.estimate(Double.NaN)).isEqualTo("NaN");
    assertThat(rounded.estimate(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void interval_hasTheEstimatesDecimals() {
    assertThat(rounded.interval(DoubleNode.valueOf(301.8412), 290.1, 313.5712)).isEqualTo("[290.10, 313.57]");
    assertThat(rounded.interval(LongNode.valueOf(412), 398.35, 425.65)).isEqualTo("[398, 426]");
    assertThat(rounded.interval(DoubleNode.valueOf(0.0457), -0.00001, 0.09123)).isEqualTo("[0.0000, 0.0912]");
  }

  @Test
  void parameter_hasAtMostSixSignificantDigits() {
    assertThat(rounded.parameter(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(rounded.parameter(3.0 - (0.1 + 0.2))).isEqualTo("2.7");
    assertThat(rounded.parameter(1e-6)).isEqualTo("1.0E-6");
    assertThat(rounded.parameter(2)).isEqualTo("2.0");
    assertThat(rounded.parameter(0.123456789)).isEqualTo("0.123457");
    assertThat(rounded.parameter(0)).isEqualTo("0.0");
  }

  @Test
  void full_printsEveryDigit() {
    assertThat(full.estimate(301.8412345678)).isEqualTo("301.8412345678");
    assertThat(full.interval(LongNode.valueOf(412), 398.35, 425.65)).isEqualTo("[398.35, 425.65]");
    assertThat(full.parameter(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(full.estimate(LongNode.valueOf(412))).isEqualTo("412");
  }
}
