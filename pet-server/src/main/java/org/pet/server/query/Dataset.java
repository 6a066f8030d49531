package org.pet.server.query;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pet.server.http.HttpProblem;

/**
 * A registered dataset: a CSV table whose first row names the columns, one of which identifies the
 * privacy unit (a person, a household). Immutable once registered.
 *
 * <p>A column is <b>numeric</b> when every cell that is not blank reads as a finite number (Java's
 * {@code Double.parseDouble} after trimming); every other column is text. Which columns are numeric is
 * fixed at registration and shown to the administrator (who may also state it, and then registration
 * fails where a cell disagrees); sums, means, variances and quantiles take numeric columns only, and skip
 * blank cells: a unit whose cell is blank contributes nothing to that query (its other rows still count).
 *
 * @param id the dataset id
 * @param name a human-readable name
 * @param unitColumn the privacy-unit column
 * @param columns the column names
 * @param rows the data rows, each with one value per column
 * @param numericColumns the columns whose non-blank cells are all numbers
 */
public record Dataset(String id, String name, String unitColumn, List<String> columns, List<String[]> rows,
    java.util.Set<String> numericColumns) {

  public static final int MAX_ROWS = 2_000_000;

  /**
   * Parses CSV text (RFC 4180, header row first).
   *
   * @throws HttpProblem 400 naming the line of a malformed or ragged row, or a missing unit column
   */
  public static Dataset parse(String id, String name, String unitColumn, String csv) {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> all = new ArrayList<>();
    try (MappingIterator<String[]> lines = mapper.readerFor(String[].class).readValues(csv)) {
      while (lines.hasNextValue()) {
        all.add(lines.nextValue());
        if (all.size() > MAX_ROWS + 1) {
          throw HttpProblem.badRequest("`csv` has more than " + MAX_ROWS + " rows");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof HttpProblem problem) {
        throw problem;
      }
      throw HttpProblem.badRequest("`csv` is not valid CSV near line " + (all.size() + 1));
    }
    if (all.size() < 2) {
      throw HttpProblem.badRequest("`csv` must have a header row and at least one data row");
    }
    List<String> columns = List.of(all.get(0));
    if (!columns.contains(unitColumn)) {
      throw HttpProblem.badRequest("`unitColumn` " + unitColumn + " is not a column of the CSV header");
    }
    List<String[]> rows = all.subList(1, all.size());
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).length != columns.size()) {
        throw HttpProblem.badRequest("`csv` line " + (i + 2) + " has " + rows.get(i).length + " fields, expected "
            + columns.size());
      }
    }
    java.util.Set<String> numeric = new java.util.LinkedHashSet<>();
    for (int c = 0; c < columns.size(); c++) {
      if (firstNonNumericLine(rows, c) < 0) {
        numeric.add(columns.get(c));
      }
    }
    return new Dataset(id, name, unitColumn, columns, List.copyOf(rows), java.util.Collections.unmodifiableSet(numeric));
  }

  /** The CSV line (header = 1) of the first non-blank cell of column {@code c} that is not a number, or -1. */
  private static int firstNonNumericLine(List<String[]> rows, int c) {
    for (int i = 0; i < rows.size(); i++) {
      String cell = rows.get(i)[c];
      if (!cell.isBlank() && Double.isNaN(number(cell))) {
        return i + 2;
      }
    }
    return -1;
  }

  /**
   * Checks columns the administrator states are numeric.
   *
   * @throws HttpProblem 400 naming the first column that is not, and the line of its first non-number
   *     (the cell itself is not echoed)
   */
  public void requireNumeric(List<String> stated) {
    for (String column : stated) {
      int index = column("numericColumns", column);
      int line = firstNonNumericLine(rows, index);
      if (line >= 0) {
        throw HttpProblem.badRequest("`numericColumns`: column " + column + " is not numeric: line " + line
            + " holds a cell that is not a number");
      }
    }
  }

  /** The index of a column, or a 400 naming the request field that named it. */
  public int column(String field, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw HttpProblem.badRequest("`" + field + "` " + column + " is not a column of dataset " + id);
    }
    return index;
  }

  /**
   * The index of a numeric column, for a query that sums or orders its values.
   *
   * @throws HttpProblem 400 if there is no such column, 422 if it is a text column
   */
  public int numericColumn(String field, String column) {
    int index = column(field, column);
    if (!numericColumns.contains(column)) {
      throw new HttpProblem(422, "Unprocessable Content", "`" + field + "` " + column + " is a text column of dataset "
          + id + " (not every cell is a number): sum, mean, variance and quantile need a numeric column; the "
          + "numeric columns are " + numericColumns);
    }
    return index;
  }

  public int unitIndex() {
    return columns.indexOf(unitColumn);
  }

  /** A cell as a number; blank or non-numeric cells (and infinities) are NaN, which aggregations skip. */
  public static double number(String cell) {
    try {
      double value = cell.isBlank() ? Double.NaN : Double.parseDouble(cell.strip());
      return Double.isFinite(value) ? value : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  @Override
  public String toString() {
    return "Dataset{id=" + id + ", rows=" + rows.size() + "}";
  }
}
