package org.pet.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pet.dp.LaplaceNoise;

/** Properties of {@link ReleaseTable} output over generated data, categories and parameters. */
class ReleaseTableProperties {

  @Provide
  Arbitrary<List<String>> labels() {
    // Commas, quotes, CR/LF and spaces exercise CSV quoting; "Total" is the reserved label.
    return Arbitraries.strings().withChars("ab,\" \r\n").ofMinLength(1).ofMaxLength(5)
        .filter(s -> !s.equals("Total")).list().uniqueElements().ofMinSize(1).ofMaxSize(4);
  }

  private static ReleaseTable table(List<String> rows, List<String> cols, int[] sizes, long base,
      long minimum, long seed) {
    ReleaseTable table = ReleaseTable.builder().groupColumns("row", "col").categories("row", rows)
        .categories("col", cols).epsilon(0.5).valueBounds(-5, 5).roundingBase(base).minimumCount(minimum)
        .noise(new LaplaceNoise(new SplittableRandom(seed))).random(new SplittableRandom(seed + 1)).build();
    int unit = 0;
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < cols.size(); c++) {
        int size = sizes[(r * cols.size() + c) % sizes.length];
        for (int i = 0; i < size; i++) {
          table.addRecord("u" + unit++, List.of(rows.get(r), cols.get(c)), i % 11 - 5);
        }
      }
    }
    return table;
  }

  @Property(tries = 100)
  void derivedTotals_alwaysAddUpThePublishedCells(@ForAll("labels") List<String> rows,
      @ForAll("labels") List<String> cols, @ForAll @IntRange(min = 1, max = 10) int base,
      @ForAll @IntRange(min = 0, max = 20) int minimum, @ForAll long seed) {
    List<ReleaseCell> out = table(rows, cols, new int[] {0, 3, 15, 40}, base, minimum, seed).release();

    List<ReleaseCell> cells = out.stream().filter(r -> r.kind() == ReleaseCell.Kind.CELL).toList();
    assertThat(cells).hasSize(rows.size() * cols.size());
    for (ReleaseCell row : out) {
      row.count().ifPresent(c -> assertThat(c % base).isZero());
      row.count().ifPresent(c -> assertThat(c).isGreaterThanOrEqualTo(0));
      if (row.kind() == ReleaseCell.Kind.CELL || row.suppressed()) {
        continue;
      }
      long count = 0;
      long sum = 0;
      for (ReleaseCell cell : cells) {
        boolean covered = (row.key().get(0).equals("Total") || row.key().get(0).equals(cell.key().get(0)))
            && (row.key().get(1).equals("Total") || row.key().get(1).equals(cell.key().get(1)));
        if (covered && !cell.suppressed()) {
          count += cell.count().orElseThrow();
          sum += cell.sum().orElseThrow();
        }
      }
      assertThat(row.count()).hasValue(count);
      assertThat(row.sum()).hasValue(sum);
    }
  }

  @Property(tries = 100)
  void toCsv_parsesBackToTheReleasedRows(@ForAll("labels") List<String> rows,
      @ForAll("labels") List<String> cols, @ForAll long seed) {
    ReleaseTable table = table(rows, cols, new int[] {1, 6, 20}, 5, 4, seed);
    List<ReleaseCell> out = table.release();

    List<List<String>> records = parseRfc4180(table.toCsv());

    assertThat(records).hasSize(out.size() + 1);
    assertThat(records.get(0))
        .containsExactly("row", "col", "count", "count_error", "sum", "sum_error", "flags");
    for (int i = 0; i < out.size(); i++) {
      ReleaseCell cell = out.get(i);
      List<String> record = records.get(i + 1);
      assertThat(record.subList(0, 2)).isEqualTo(cell.key());
      assertThat(record.get(2)).isEqualTo(
          cell.suppressed() ? ReleaseTable.SUPPRESSED_MARKER : Long.toString(cell.count().orElseThrow()));
    }
  }

  /** A strict RFC 4180 reader: every record ends with CRLF; quoted fields may hold anything. */
  private static List<List<String>> parseRfc4180(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      if (csv.charAt(i) == '"') {
        i++;
        while (true) {
          char ch = csv.charAt(i++);
          if (ch == '"' && i < csv.length() && csv.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (ch == '"') {
            break;
          } else {
            field.append(ch);
          }
        }
      }
      while (csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
        field.append(csv.charAt(i++));
      }
      record.add(field.toString());
      field.setLength(0);
      if (csv.charAt(i) == '\r') {
        assertThat(csv.charAt(i + 1)).isEqualTo('\n');
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        i++;
      }
    }
    return records;
  }
}
