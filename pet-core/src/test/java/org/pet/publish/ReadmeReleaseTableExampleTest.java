package org.pet.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The release-table example of README.md, kept compiling and true. */
class ReadmeReleaseTableExampleTest {

  private record Referral(String personId, String district, String ageBand) {}

  @Test
  void readmeExample_publishesRoundedSuppressedCellsAsCsv() {
    SplittableRandom random = new SplittableRandom(3);
    List<String> bands = List.of("0-4", "5-9", "10-15", "16-17");
    List<Referral> records = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      records.add(new Referral("child-" + i, random.nextInt(10) < 9 ? "north" : "south",
          bands.get(random.nextInt(4))));
    }
    ReleaseTable table = ReleaseTable.builder()
        .groupColumns("district", "age_band")
        .categories("district", List.of("north", "south"))
        .categories("age_band", List.of("0-4", "5-9", "10-15", "16-17"))
        .epsilon(1.0).delta(1e-6)
        .maxPartitionsContributed(1)
        .minimumCount(10)
        .roundingBase(5)
        .totals(ReleaseTable.Totals.DERIVED_FROM_PUBLISHED)
        .build();
    records.forEach(r -> table.addRecord(r.personId(), List.of(r.district(), r.ageBand())));
    List<ReleaseCell> cells = table.release();
    String csv = table.toCsv();
    assertThat(cells).isNotEmpty();
    assertThat(csv).startsWith("district,age_band,count,count_error,flags\r\n");
    for (ReleaseCell cell : cells) {
      if (!cell.suppressed()) {
        assertThat(cell.count().orElseThrow() % 5).isZero();
      }
    }
  }
}
