package org.pet.benchmarks.study;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the study's tables as CSV: a header line, then one line per row, comma-separated, no quoting
 * (no field contains a comma, quote or line break). Numbers are written with at most six significant
 * digits, NaN as an empty field (no value, e.g. no prediction).
 */
final class Csv {

  private static final MathContext SIX_DIGITS = new MathContext(6);

  private Csv() {}

  /** A row of a CSV table: its fields in header order. */
  interface Row {
    List<Object> fields();
  }

  /**
   * Writes {@code rows} under {@code header} to {@code file}, replacing it.
   *
   * @throws IllegalArgumentException if a row's field count differs from the header's
   * @throws IOException if the file cannot be written
   */
  static void write(Path file, List<String> header, List<? extends Row> rows) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", header));
      out.write('\n');
      for (Row row : rows) {
        List<Object> fields = row.fields();
        if (fields.size() != header.size()) {
          throw new IllegalArgumentException(
              "a row must have " + header.size() + " fields, was " + fields.size() + ": " + fields);
        }
        out.write(fields.stream().map(Csv::format).collect(Collectors.joining(",")));
        out.write('\n');
      }
    }
  }

  static String format(Object field) {
    if (field instanceof Double d) {
      if (d.isNaN()) {
        return "";
      }
      if (d.isInfinite() || d == 0) {
        return d.toString();
      }
      return new BigDecimal(d).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(field);
  }
}
