package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each class of bad parameter of {@link DpHistogram} is rejected with a message naming it. */
class DpHistogramValidationTest {

  private static DpHistogram.Builder<String> valid() {
    return DpHistogram.<String>builder().epsilon(1).publicKeys(List.of("a"));
  }

  private static void assertRejected(Runnable call, String name) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`" + name + "`");
  }

  @Test
  void build_epsilonMissing_throws() {
    assertRejected(() -> DpHistogram.<String>builder().publicKeys(List.of("a")).build(), "epsilon");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, -1.0})
  void epsilon_zeroOrNegative_throws(double epsilon) {
    assertRejected(() -> valid().epsilon(epsilon), "epsilon");
  }

  @Test
  void epsilon_nan_throws() {
    assertRejected(() -> valid().epsilon(Double.NaN), "epsilon");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void epsilon_infinite_throws(double epsilon) {
    assertRejected(() -> valid().epsilon(epsilon), "epsilon");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, -1.0, Double.NEGATIVE_INFINITY})
  void delta_negative_throws(double delta) {
    assertRejected(() -> valid().delta(delta), "delta");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 1.5, Double.POSITIVE_INFINITY})
  void delta_oneOrMore_throws(double delta) {
    assertRejected(() -> valid().delta(delta), "delta");
  }

  @Test
  void delta_nan_throws() {
    assertRejected(() -> valid().delta(Double.NaN), "delta");
  }

  @Test
  void build_partitionSelectionWithZeroDelta_throws() {
    assertRejected(() -> DpHistogram.<String>builder().epsilon(1).build(), "delta");
  }

  @Test
  void build_gaussianNoiseWithZeroDelta_throws() {
    assertRejected(() -> valid().noise(new GaussianNoise()).build(), "delta");
  }

  @Test
  void build_discreteGaussianNoiseWithZeroDelta_throws() {
    assertRejected(() -> valid().noise(new DiscreteGaussianNoise()).build(), "delta");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void maxPartitionsContributed_belowOne_throws(int l0) {
    assertRejected(() -> valid().maxPartitionsContributed(l0), "maxPartitionsContributed");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void maxContributionsPerPartition_belowOne_throws(int lInf) {
    assertRejected(() -> valid().maxContributionsPerPartition(lInf), "maxContributionsPerPartition");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void lower_notFinite_throws(double lower) {
    assertRejected(() -> valid().lower(lower), "lower");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void upper_notFinite_throws(double upper) {
    assertRejected(() -> valid().upper(upper), "upper");
  }

  @Test
  void build_lowerWithoutUpper_throws() {
    assertRejected(() -> valid().lower(0).build(), "upper");
  }

  @Test
  void build_upperWithoutLower_throws() {
    assertRejected(() -> valid().upper(1).build(), "lower");
  }

  @Test
  void build_lowerEqualToUpper_throws() {
    assertRejected(() -> valid().lower(1).upper(1).build(), "upper");
  }

  @Test
  void build_lowerAboveUpper_throws() {
    assertRejected(() -> valid().lower(2).upper(1).build(), "upper");
  }

  @Test
  void build_integerNoiseWithFractionalLower_throws() {
    assertRejected(() -> valid().noise(new DiscreteLaplaceNoise()).lower(0.5).upper(2).build(), "lower");
  }

  @Test
  void build_integerNoiseWithFractionalUpper_throws() {
    assertRejected(() -> valid().noise(new DiscreteLaplaceNoise()).lower(0).upper(2.5).build(), "upper");
  }

  @Test
  void partitionSelection_null_throws() {
    assertRejected(() -> valid().partitionSelection(null), "partitionSelection");
  }

  @Test
  void partitionSelection_publicKeysStrategy_throws() {
    assertRejected(() -> valid().partitionSelection(DpHistogram.SelectionStrategy.PUBLIC_KEYS),
        "partitionSelection");
  }

  @Test
  void build_partitionSelectionWithPublicKeys_throws() {
    DpHistogram.Builder<String> builder =
        valid().delta(1e-6).partitionSelection(DpHistogram.SelectionStrategy.NOISY_COUNT_THRESHOLD);
    assertRejected(builder::build, "partitionSelection");
  }

  @Test
  void noise_null_throws() {
    assertRejected(() -> valid().noise(null), "noise");
  }

  @Test
  void random_null_throws() {
    assertRejected(() -> valid().random(null), "random");
  }

  @Test
  void publicKeys_null_throws() {
    assertRejected(() -> valid().publicKeys(null), "publicKeys");
  }

  @Test
  void publicKeys_containingNull_throws() {
    assertRejected(() -> valid().publicKeys(Arrays.asList("a", null)), "publicKeys");
  }

  @Test
  void addEntry_nullPrivacyUnitId_throws() {
    assertRejected(() -> valid().build().addEntry(null, "a", 0), "privacyUnitId");
  }

  @Test
  void addEntry_nullKey_throws() {
    assertRejected(() -> valid().build().addEntry("u", null, 0), "key");
  }

  @Test
  void addEntry_nanValue_throws() {
    assertRejected(() -> valid().build().addEntry("u", "a", Double.NaN), "value");
  }

  @Test
  void addEntries_null_throws() {
    assertRejected(() -> valid().build().addEntries(null), "entries");
  }

  @Test
  void addEntries_nullEntry_throws() {
    List<DpHistogram.Entry<String>> entries = Arrays.asList((DpHistogram.Entry<String>) null);
    assertRejected(() -> valid().build().addEntries(entries), "entry");
  }

  @Test
  void keepProbability_negativeUnits_throws() {
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).delta(1e-6).build();
    assertRejected(() -> histogram.keepProbability(-1), "units");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.1, Double.NaN})
  void countConfidenceInterval_badAlpha_throws(double alpha) {
    assertRejected(() -> valid().build().countConfidenceInterval(0, alpha), "alpha");
  }
}
