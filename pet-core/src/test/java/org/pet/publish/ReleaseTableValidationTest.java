package org.pet.publish;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.GaussianNoise;

/** Each bad parameter of {@link ReleaseTable} throws an IllegalArgumentException naming it. */
class ReleaseTableValidationTest {

  private static ReleaseTable.Builder valid() {
    return ReleaseTable.builder().groupColumns("region").categories("region", List.of("A", "B")).epsilon(1);
  }

  private static void assertRejected(Runnable call, String name) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`" + name + "`");
  }

  // ---- group columns and categories ----

  @Test
  void build_groupColumnsMissing_throws() {
    assertRejected(() -> ReleaseTable.builder().epsilon(1).build(), "groupColumns");
  }

  @Test
  void groupColumns_empty_throws() {
    assertRejected(() -> valid().groupColumns(), "groupColumns");
  }

  @Test
  void groupColumns_null_throws() {
    assertRejected(() -> valid().groupColumns((String[]) null), "groupColumns");
  }

  @Test
  void groupColumns_blankName_throws() {
    assertRejected(() -> valid().groupColumns("region", " "), "groupColumns");
  }

  @Test
  void groupColumns_duplicateName_throws() {
    assertRejected(() -> valid().groupColumns("region", "region"), "groupColumns");
  }

  @ParameterizedTest
  @ValueSource(strings = {"count", "count_error", "sum", "sum_error", "flags"})
  void groupColumns_reservedName_throws(String name) {
    assertRejected(() -> valid().groupColumns(name), "groupColumns");
  }

  @Test
  void categories_emptyList_throws() {
    assertRejected(() -> valid().categories("region", List.of()), "categories");
  }

  @Test
  void categories_duplicateValue_throws() {
    assertRejected(() -> valid().categories("region", List.of("A", "A")), "categories");
  }

  @Test
  void categories_nullValue_throws() {
    assertRejected(() -> valid().categories("region", Arrays.asList("A", null)), "categories");
  }

  @Test
  void build_categoriesForUnknownColumn_throws() {
    assertRejected(() -> valid().categories("town", List.of("X")).build(), "categories");
  }

  @Test
  void build_categoriesForSomeColumnsOnly_throws() {
    assertRejected(() -> valid().groupColumns("region", "sex").build(), "categories");
  }

  @Test
  void build_categoryEqualToTotalLabel_throws() {
    assertRejected(() -> valid().categories("region", List.of("A", "Total")).build(), "categories");
  }

  @Test
  void build_categoriesProductTooLarge_throws() {
    List<String> many = IntStream.range(0, 5_000).mapToObj(i -> "v" + i).toList();
    assertRejected(() -> valid().groupColumns("a", "b").categories("a", many).categories("b", many).build(),
        "categories");
  }

  // ---- privacy parameters ----

  @Test
  void build_epsilonMissing_throws() {
    assertRejected(() -> ReleaseTable.builder().groupColumns("region")
        .categories("region", List.of("A")).build(), "epsilon");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -1.0})
  void epsilon_zeroOrNegative_throws(double epsilon) {
    assertRejected(() -> valid().epsilon(epsilon), "epsilon");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
  void epsilon_notFinite_throws(double epsilon) {
    assertRejected(() -> valid().epsilon(epsilon), "epsilon");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0, 2.0, Double.NaN})
  void delta_outsideZeroToOne_throws(double delta) {
    assertRejected(() -> valid().delta(delta), "delta");
  }

  @Test
  void build_noCategoriesAndZeroDelta_throws() {
    assertRejected(() -> ReleaseTable.builder().groupColumns("region").epsilon(1).build(), "delta");
  }

  @Test
  void build_gaussianNoiseAndZeroDelta_throws() {
    assertRejected(() -> valid().noise(new GaussianNoise()).build(), "delta");
  }

  @Test
  void noise_null_throws() {
    assertRejected(() -> valid().noise(null), "noise");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void maxPartitionsContributed_belowOne_throws(int value) {
    assertRejected(() -> valid().maxPartitionsContributed(value), "maxPartitionsContributed");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void maxContributionsPerPartition_belowOne_throws(int value) {
    assertRejected(() -> valid().maxContributionsPerPartition(value), "maxContributionsPerPartition");
  }

  @Test
  void build_independentTotalsWithOverflowingContributions_throws() {
    assertRejected(() -> valid().maxPartitionsContributed(1 << 16).maxContributionsPerPartition(1 << 16)
        .totals(ReleaseTable.Totals.INDEPENDENTLY_NOISED).build(), "maxContributionsPerPartition");
  }

  // ---- values ----

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY})
  void valueBounds_lowerNotFinite_throws(double lower) {
    assertRejected(() -> valid().valueBounds(lower, 1), "lower");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
  void valueBounds_upperNotFinite_throws(double upper) {
    assertRejected(() -> valid().valueBounds(0, upper), "upper");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -1.0})
  void valueBounds_upperNotAboveLower_throws(double upper) {
    assertRejected(() -> valid().valueBounds(0, upper), "upper");
  }

  @Test
  void build_integerNoiseWithFractionalBounds_throws() {
    assertRejected(() -> valid().noise(new DiscreteLaplaceNoise()).valueBounds(0.5, 2).build(), "lower");
  }

  // ---- disclosure control ----

  @Test
  void minimumCount_negative_throws() {
    assertRejected(() -> valid().minimumCount(-1), "minimumCount");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -5})
  void roundingBase_belowOne_throws(long base) {
    assertRejected(() -> valid().roundingBase(base), "roundingBase");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -5})
  void sumRoundingBase_belowOne_throws(long base) {
    assertRejected(() -> valid().sumRoundingBase(base), "sumRoundingBase");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.5, 1.5, Double.NaN})
  void alpha_outsideOpenUnitInterval_throws(double alpha) {
    assertRejected(() -> valid().alpha(alpha), "alpha");
  }

  @Test
  void totals_null_throws() {
    assertRejected(() -> valid().totals(null), "totals");
  }

  @Test
  void totalLabel_blank_throws() {
    assertRejected(() -> valid().totalLabel(""), "totalLabel");
  }

  @Test
  void totalLabel_null_throws() {
    assertRejected(() -> valid().totalLabel(null), "totalLabel");
  }

  @Test
  void random_null_throws() {
    assertRejected(() -> valid().random(null), "random");
  }

  // ---- records ----

  @Test
  void addRecord_nullPrivacyUnit_throws() {
    assertRejected(() -> valid().build().addRecord(null, List.of("A")), "privacyUnitId");
  }

  @Test
  void addRecord_nullGroup_throws() {
    assertRejected(() -> valid().build().addRecord("u", null), "group");
  }

  @Test
  void addRecord_wrongNumberOfGroupValues_throws() {
    assertRejected(() -> valid().build().addRecord("u", List.of("A", "B")), "group");
  }

  @Test
  void addRecord_groupValueNull_throws() {
    assertRejected(() -> valid().build().addRecord("u", Arrays.asList((String) null)), "group");
  }

  @Test
  void addRecord_groupValueEqualToTotalLabel_throws() {
    assertRejected(() -> valid().build().addRecord("u", List.of("Total")), "group");
  }

  @Test
  void addRecord_valueWithoutBounds_throws() {
    assertRejected(() -> valid().build().addRecord("u", List.of("A"), 3), "value");
  }

  @Test
  void addRecord_missingValueWithBounds_throws() {
    assertRejected(() -> valid().valueBounds(0, 1).build().addRecord("u", List.of("A")), "value");
  }

  @Test
  void addRecord_nanValue_throws() {
    assertRejected(() -> valid().valueBounds(0, 1).build().addRecord("u", List.of("A"), Double.NaN), "value");
  }
}
