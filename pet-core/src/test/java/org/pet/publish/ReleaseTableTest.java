package org.pet.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pet.dp.LaplaceNoise;

/** Suppression, rounding, totals, CSV and error bounds of {@link ReleaseTable}. */
class ReleaseTableTest {

  /** So large that the noise (Laplace scale ~1e-6) is far below every rounding step. */
  private static final double EXACT_EPSILON = 1e6;

  private static ReleaseTable.Builder exact(long seed) {
    return ReleaseTable.builder().epsilon(EXACT_EPSILON)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).random(new SplittableRandom(seed + 1));
  }

  /** Adds {@code units} records, one unit each, to the group. */
  private static void addUnits(ReleaseTable table, String prefix, int units, List<String> group) {
    for (int i = 0; i < units; i++) {
      table.addRecord(prefix + i, group);
    }
  }

  private static void addUnits(
      ReleaseTable table, String prefix, int units, List<String> group, double value) {
    for (int i = 0; i < units; i++) {
      table.addRecord(prefix + i, group, value);
    }
  }

  private static ReleaseCell row(List<ReleaseCell> rows, String... key) {
    return rows.stream().filter(r -> r.key().equals(List.of(key))).findFirst().orElseThrow();
  }

  // ---- suppression ----

  @Test
  void release_noisyCountBelowMinimum_isSuppressed() {
    ReleaseTable table = exact(1).groupColumns("region").categories("region", List.of("A", "B", "C"))
        .minimumCount(10).totals(ReleaseTable.Totals.NONE).build();
    addUnits(table, "a", 3, List.of("A"));
    addUnits(table, "b", 10, List.of("B"));
    addUnits(table, "c", 20, List.of("C"));

    List<ReleaseCell> rows = table.release();

    assertThat(row(rows, "A").suppressed()).isTrue();
    assertThat(row(rows, "A").count()).isEmpty();
    assertThat(row(rows, "A").countErrorBound()).isEmpty();
    assertThat(row(rows, "A").flags()).containsExactly(ReleaseFlag.SUPPRESSED);
    // 10 plus noise of about 1e-6 is at or above the minimum only half of the time: B is not checked.
    assertThat(row(rows, "C").suppressed()).isFalse();
    assertThat(row(rows, "C").count()).hasValue(20);
    assertThat(row(rows, "C").flags()).isEmpty();
  }

  @Test
  void release_suppressedCell_withholdsItsSumToo() {
    ReleaseTable table = exact(2).groupColumns("region").categories("region", List.of("A"))
        .valueBounds(0, 100).minimumCount(5).build();
    addUnits(table, "a", 2, List.of("A"), 50);

    ReleaseCell cell = table.release().get(0);

    assertThat(cell.suppressed()).isTrue();
    assertThat(cell.sum()).isEmpty();
    assertThat(cell.sumErrorBound()).isEmpty();
  }

  // ---- rounding ----

  @Test
  void roundToBase_roundsToNearestMultipleWithHalvesUp() {
    assertThat(ReleaseTable.roundToBase(12.0, 5)).isEqualTo(10);
    assertThat(ReleaseTable.roundToBase(12.5, 5)).isEqualTo(15);
    assertThat(ReleaseTable.roundToBase(17.4, 5)).isEqualTo(15);
    assertThat(ReleaseTable.roundToBase(-2.5, 5)).isEqualTo(0);
    assertThat(ReleaseTable.roundToBase(-2.6, 5)).isEqualTo(-5);
    assertThat(ReleaseTable.roundToBase(0.5, 1)).isEqualTo(1);
    assertThat(ReleaseTable.roundToBase(449.9, 100)).isEqualTo(400);
  }

  @Test
  void release_countsAndSums_roundedToTheirBases() {
    ReleaseTable table = exact(3).groupColumns("g").categories("g", List.of("a", "b", "c", "d"))
        .valueBounds(0, 1000).roundingBase(5).sumRoundingBase(100).totals(ReleaseTable.Totals.NONE).build();
    addUnits(table, "a", 12, List.of("a"), 10);
    addUnits(table, "b", 13, List.of("b"), 20);
    addUnits(table, "c", 17, List.of("c"), 30);
    addUnits(table, "d", 18, List.of("d"), 40);

    List<ReleaseCell> rows = table.release();

    assertThat(rows).extracting(r -> r.count().orElseThrow()).containsExactly(10L, 15L, 15L, 20L);
    assertThat(rows).extracting(r -> r.sum().orElseThrow()).containsExactly(100L, 300L, 500L, 700L);
  }

  @Test
  void release_errorBounds_includeHalfTheRoundingBase() {
    ReleaseTable table = exact(4).groupColumns("g").categories("g", List.of("a")).roundingBase(10)
        .totals(ReleaseTable.Totals.NONE).build();
    addUnits(table, "a", 40, List.of("a"));

    // Noise half-width ~1e-5 plus 10 / 2, rounded up.
    assertThat(table.release().get(0).countErrorBound()).hasValue(6);
  }

  // ---- totals ----

  private static ReleaseTable twoWayTable(ReleaseTable.Totals totals, long seed) {
    ReleaseTable table = ReleaseTable.builder().groupColumns("sex", "region").epsilon(1)
        .categories("sex", List.of("F", "M")).categories("region", List.of("N", "S", "W"))
        .valueBounds(0, 10).roundingBase(5).sumRoundingBase(10).minimumCount(8).totals(totals)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).random(new SplittableRandom(seed + 1)).build();
    int[] sizes = {30, 4, 12, 9, 50, 2};
    String[][] groups = {{"F", "N"}, {"F", "S"}, {"F", "W"}, {"M", "N"}, {"M", "S"}, {"M", "W"}};
    for (int g = 0; g < groups.length; g++) {
      addUnits(table, "u" + g + "-", sizes[g], List.of(groups[g]), 3);
    }
    return table;
  }

  @Test
  void release_derivedTotals_equalTheSumOfPublishedCells() {
    for (long seed = 0; seed < 40; seed += 2) {
      List<ReleaseCell> rows = twoWayTable(ReleaseTable.Totals.DERIVED_FROM_PUBLISHED, seed).release();
      List<ReleaseCell> cells = rows.stream().filter(r -> r.kind() == ReleaseCell.Kind.CELL).toList();
      assertThat(rows).hasSize(6 + 2 + 3 + 1);
      for (ReleaseCell total : rows.subList(6, rows.size())) {
        assertThat(total.flags()).contains(ReleaseFlag.DERIVED_TOTAL);
        List<ReleaseCell> members = cells.stream().filter(c -> covers(total.key(), c.key()))
            .filter(c -> !c.suppressed()).toList();
        long count = members.stream().mapToLong(c -> c.count().orElseThrow()).sum();
        long sum = members.stream().mapToLong(c -> c.sum().orElseThrow()).sum();
        if (!total.suppressed()) {
          assertThat(total.count()).hasValue(count);
          assertThat(total.sum()).hasValue(sum);
        } else {
          assertThat(count).isLessThan(8);
        }
      }
    }
  }

  /** Whether a total's key (with "Total" wildcards) covers a cell's key. */
  private static boolean covers(List<String> total, List<String> cell) {
    for (int i = 0; i < total.size(); i++) {
      if (!total.get(i).equals("Total") && !total.get(i).equals(cell.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void release_derivedTotals_orderedByColumnThenGrandTotal() {
    List<ReleaseCell> rows = twoWayTable(ReleaseTable.Totals.DERIVED_FROM_PUBLISHED, 5).release();
    assertThat(rows.subList(6, rows.size())).extracting(ReleaseCell::key).containsExactly(
        List.of("F", "Total"), List.of("M", "Total"), List.of("Total", "N"), List.of("Total", "S"),
        List.of("Total", "W"), List.of("Total", "Total"));
    assertThat(rows.get(rows.size() - 1).kind()).isEqualTo(ReleaseCell.Kind.GRAND_TOTAL);
    assertThat(rows.get(6).kind()).isEqualTo(ReleaseCell.Kind.MARGINAL_TOTAL);
  }

  @Test
  void release_independentTotals_includeSuppressedCellsAndAreFlagged() {
    ReleaseTable table = exact(6).groupColumns("sex", "region").categories("sex", List.of("F", "M"))
        .categories("region", List.of("N", "S")).minimumCount(5).maxPartitionsContributed(2)
        .totals(ReleaseTable.Totals.INDEPENDENTLY_NOISED).build();
    addUnits(table, "a", 20, List.of("F", "N"));
    addUnits(table, "b", 3, List.of("F", "S"));
    addUnits(table, "c", 7, List.of("M", "N"));
    addUnits(table, "d", 11, List.of("M", "S"));

    List<ReleaseCell> rows = table.release();

    assertThat(row(rows, "F", "S").suppressed()).isTrue();
    assertThat(row(rows, "F", "Total").count()).hasValue(23);
    assertThat(row(rows, "Total", "S").count()).hasValue(14);
    assertThat(row(rows, "Total", "Total").count()).hasValue(41);
    assertThat(row(rows, "Total", "Total").flags()).containsExactly(ReleaseFlag.INDEPENDENTLY_NOISED_TOTAL);
  }

  @Test
  void release_oneColumn_hasOnlyAGrandTotal() {
    ReleaseTable table = exact(7).groupColumns("region").categories("region", List.of("A", "B")).build();
    addUnits(table, "a", 6, List.of("A"));
    addUnits(table, "b", 9, List.of("B"));

    List<ReleaseCell> rows = table.release();

    assertThat(rows).extracting(ReleaseCell::key)
        .containsExactly(List.of("A"), List.of("B"), List.of("Total"));
    assertThat(rows.get(2).count()).hasValue(15);
  }

  // ---- partition selection ----

  @Test
  void release_withoutCategories_selectsPopularCellsAndSortsThem() {
    ReleaseTable table = ReleaseTable.builder().groupColumns("town").epsilon(1).delta(1e-8)
        .noise(new LaplaceNoise(new SplittableRandom(8))).random(new SplittableRandom(9)).build();
    addUnits(table, "z", 300, List.of("Zeal"));
    addUnits(table, "a", 200, List.of("Ayr"));
    addUnits(table, "r", 1, List.of("Rare"));

    List<ReleaseCell> rows = table.release();

    assertThat(rows).extracting(ReleaseCell::key)
        .containsExactly(List.of("Ayr"), List.of("Zeal"), List.of("Total"));
  }

  // ---- CSV ----

  /**
   * A tiny table with negligible noise (epsilon 1e6, fixed seeds), so every number is known: cells are
   * rounded to base 5 (counts) and 10 (sums); error bounds are ceil(h + base / 2) with h ~ 1e-5 (counts)
   * and ~1e-3 (sums), i.e. 3 and 6; a derived total over m published cells has ceil(m (h' + base / 2)).
   */
  @Test
  void toCsv_tinyFixedSeedExample_isExactlyAsExpected() {
    ReleaseTable table = exact(10).groupColumns("sex", "region").categories("sex", List.of("F", "M"))
        .categories("region", List.of("North, East", "South \"Coast\"")).valueBounds(0, 100)
        .roundingBase(5).sumRoundingBase(10).minimumCount(5).build();
    addUnits(table, "a", 12, List.of("F", "North, East"), 40);
    addUnits(table, "b", 3, List.of("F", "South \"Coast\""), 70);
    addUnits(table, "c", 8, List.of("M", "North, East"), 25);
    addUnits(table, "d", 23, List.of("M", "South \"Coast\""), 10);
    table.release();

    String expected = String.join("\r\n",
        "sex,region,count,count_error,sum,sum_error,flags",
        "F,\"North, East\",10,3,480,6,",
        "F,\"South \"\"Coast\"\"\",[c],,[c],,suppressed",
        "M,\"North, East\",10,3,200,6,",
        "M,\"South \"\"Coast\"\"\",25,3,230,6,",
        "F,Total,10,3,480,6,derived-total",
        "M,Total,35,6,430,11,derived-total",
        "Total,\"North, East\",20,6,680,11,derived-total",
        "Total,\"South \"\"Coast\"\"\",25,3,230,6,derived-total",
        "Total,Total,45,8,910,16,derived-total") + "\r\n";
    assertThat(table.toCsv()).isEqualTo(expected);
  }

  @Test
  void toCsv_tableWithoutValues_hasNoSumColumns() {
    ReleaseTable table = exact(11).groupColumns("g").categories("g", List.of("x"))
        .totals(ReleaseTable.Totals.NONE).build();
    addUnits(table, "a", 7, List.of("x"));
    table.release();

    assertThat(table.toCsv()).isEqualTo("g,count,count_error,flags\r\nx,7,1,\r\n");
  }

  // ---- error bounds ----

  /**
   * Over 2,000 seeded runs of a 5-cell table (10,000 cells), the (1 - alpha) = 95% error bounds must cover
   * the true count and sum in 95% +- 2% of cells. The bounds are slightly conservative by construction
   * (rounding is at most half a unit, and the bound is rounded up): at count scale b = 10, 95.7% is
   * expected. The binomial standard error is 0.2%, so +-2% is a false alarm far below 1e-6.
   */
  @Test
  void release_errorBounds_coverTheTruthAtTheStatedRate() {
    int runs = 2_000;
    int[] truth = {60, 70, 80, 90, 100};
    LaplaceNoise noise = new LaplaceNoise(new SplittableRandom(12));
    SplittableRandom random = new SplittableRandom(13);
    int countsCovered = 0;
    int sumsCovered = 0;
    int totalsCovered = 0;
    int published = runs * truth.length;
    for (int run = 0; run < runs; run++) {
      ReleaseTable table = ReleaseTable.builder().groupColumns("g")
          .categories("g", List.of("a", "b", "c", "d", "e")).epsilon(0.2).valueBounds(0, 10)
          .noise(noise).random(random).build();
      for (int g = 0; g < truth.length; g++) {
        addUnits(table, "u" + g + "-", truth[g], List.of(String.valueOf((char) ('a' + g))), 7);
      }
      List<ReleaseCell> rows = table.release();
      for (int g = 0; g < truth.length; g++) {
        ReleaseCell cell = rows.get(g);
        if (cell.suppressed()) {
          // A noisy count below 0 (probability e^-6 / 2 at most): no number is published to cover.
          published--;
          continue;
        }
        countsCovered += covered(cell.count(), cell.countErrorBound(), truth[g]) ? 1 : 0;
        sumsCovered += covered(cell.sum(), cell.sumErrorBound(), 7.0 * truth[g]) ? 1 : 0;
      }
      // The derived total covers the true total of the published cells it adds.
      long truthOfPublished = 0;
      for (int g = 0; g < truth.length; g++) {
        truthOfPublished += rows.get(g).suppressed() ? 0 : truth[g];
      }
      ReleaseCell total = rows.get(truth.length);
      totalsCovered += covered(total.count(), total.countErrorBound(), truthOfPublished) ? 1 : 0;
    }
    assertThat(published).isGreaterThan(runs * truth.length - 20);
    double cells = published;
    assertThat(countsCovered / cells).isCloseTo(0.95, within(0.02));
    assertThat(sumsCovered / cells).isCloseTo(0.95, within(0.02));
    // Derived totals use a union bound: conservative, so at least the stated rate (less 2% slack).
    assertThat((double) totalsCovered / runs).isGreaterThanOrEqualTo(0.93);
  }

  private static boolean covered(OptionalLong value, OptionalLong bound, double truth) {
    return Math.abs(value.orElseThrow() - truth) <= bound.orElseThrow();
  }

  // ---- lifecycle ----

  @Test
  void release_secondCall_throwsIllegalState() {
    ReleaseTable table = exact(14).groupColumns("g").categories("g", List.of("x")).build();
    table.release();
    assertThatThrownBy(table::release).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addRecord_afterRelease_throwsIllegalState() {
    ReleaseTable table = exact(15).groupColumns("g").categories("g", List.of("x")).build();
    table.release();
    assertThatThrownBy(() -> table.addRecord("u", List.of("x"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toCsv_beforeRelease_throwsIllegalState() {
    ReleaseTable table = exact(16).groupColumns("g").categories("g", List.of("x")).build();
    assertThatThrownBy(table::toCsv).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void release_recordsOutsideTheCategories_areDropped() {
    ReleaseTable table = exact(17).groupColumns("g").categories("g", List.of("x")).build();
    addUnits(table, "a", 5, List.of("x"));
    addUnits(table, "b", 50, List.of("not listed"));

    List<ReleaseCell> rows = table.release();

    assertThat(rows).extracting(ReleaseCell::key).containsExactly(List.of("x"), List.of("Total"));
    assertThat(rows.get(1).count()).hasValue(5);
    assertThat(rows.get(1).countErrorBound()).hasValue(1);
  }
}
