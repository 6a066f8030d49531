package org.pet.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.DpHistogram;

/** {@link ReleaseTable#releaseNoisy}: the table's disclosure control over cells noised elsewhere. */
class ReleaseTableNoisyCellsTest {

  /** Intervals of half-width 2 (count) and 20 (sum) at every alpha. */
  private static final ReleaseTable.NoiseIntervals FIXED = new ReleaseTable.NoiseIntervals() {
    @Override
    public ConfidenceInterval count(double noisyCount, double alpha) {
      return new ConfidenceInterval(noisyCount - 2, noisyCount + 2);
    }

    @Override
    public ConfidenceInterval sum(double noisySum, double alpha) {
      return new ConfidenceInterval(noisySum - 20, noisySum + 20);
    }
  };

  private static DpHistogram.Cell cell(double count, double sum) {
    return new DpHistogram.Cell(count, OptionalDouble.of(sum), OptionalDouble.empty());
  }

  private static ReleaseTable.Builder table() {
    return ReleaseTable.builder().groupColumns("region", "sex").epsilon(1).delta(1e-6).valueBounds(0, 100)
        .minimumCount(10).roundingBase(5).sumRoundingBase(100);
  }

  @Test
  void releaseNoisy_suppressesRoundsAndDerivesTotals() {
    Map<List<String>, DpHistogram.Cell> noisy = new LinkedHashMap<>();
    noisy.put(List.of("B", "F"), cell(23.4, 1_260));
    noisy.put(List.of("A", "F"), cell(4.0, 300));
    noisy.put(List.of("A", "M"), cell(12.6, 940));

    List<ReleaseCell> rows = table().build().releaseNoisy(noisy, FIXED);

    assertThat(rows).extracting(ReleaseCell::key).startsWith(
        List.of("A", "F"), List.of("A", "M"), List.of("B", "F"));
    assertThat(rows.get(0).suppressed()).isTrue();
    assertThat(rows.get(1).count()).hasValue(15);
    assertThat(rows.get(1).countErrorBound()).hasValue(5); // ceil(2 + 5 / 2)
    assertThat(rows.get(1).sum()).hasValue(900);
    assertThat(rows.get(1).sumErrorBound()).hasValue(70); // ceil(20 + 100 / 2)
    ReleaseCell grand = rows.get(rows.size() - 1);
    assertThat(grand.key()).containsExactly("Total", "Total");
    assertThat(grand.count()).hasValue(15 + 25);
    assertThat(grand.flags()).contains(ReleaseFlag.DERIVED_TOTAL);
  }

  @Test
  void releaseNoisy_withCategories_needsExactlyTheirCellsInTheirOrder() {
    ReleaseTable.Builder builder = table().categories("region", List.of("B", "A")).categories("sex", List.of("F"));
    Map<List<String>, DpHistogram.Cell> noisy = new LinkedHashMap<>();
    noisy.put(List.of("A", "F"), cell(20, 0));
    noisy.put(List.of("B", "F"), cell(20, 0));

    assertThat(builder.build().releaseNoisy(noisy, FIXED)).extracting(ReleaseCell::key)
        .startsWith(List.of("B", "F"), List.of("A", "F"));
    noisy.put(List.of("C", "F"), cell(20, 0));
    assertThatThrownBy(() -> builder.build().releaseNoisy(noisy, FIXED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`noisyCells` must be exactly");
  }

  @Test
  void releaseNoisy_rejectsRecordsIndependentTotalsAndASecondRelease() {
    ReleaseTable withRecord = table().build();
    withRecord.addRecord("u", List.of("A", "F"), 1);
    assertThatThrownBy(() -> withRecord.releaseNoisy(Map.of(), FIXED)).isInstanceOf(IllegalStateException.class);

    ReleaseTable independent = table().delta(1e-6).totals(ReleaseTable.Totals.INDEPENDENTLY_NOISED).build();
    assertThatThrownBy(() -> independent.releaseNoisy(Map.of(), FIXED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`totals`");

    ReleaseTable once = table().build();
    once.releaseNoisy(Map.of(), FIXED);
    assertThatThrownBy(() -> once.releaseNoisy(Map.of(), FIXED)).isInstanceOf(IllegalStateException.class);
  }
}
