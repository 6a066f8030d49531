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
 * @param id the dataset id
 * @param name a human-readable name
 * @param unitColumn the privacy-unit column
 * @param columns the column names
 * @param rows the data rows, each with one value per column
 */
public record Dataset(String id, String name, String unitColumn, List<String> columns, List<String[]> rows) {

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
    return new Dataset(id, name, unitColumn, columns, List.copyOf(rows));
  }

  /** The index of a column, or a 400 naming the request field that named it. */
  public int column(String field, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw HttpProblem.badRequest("`" + field + "` " + column + " is not a column of dataset " + id);
    }
    return index;
  }

  public int unitIndex() {
    return columns.indexOf(unitColumn);
  }

  /** A cell as a number; empty or non-numeric cells are NaN, which aggregations ignore. */
  public static double number(String cell) {
    try {
      return cell.isBlank() ? Double.NaN : Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  @Override
  public String toString() {
    return "Dataset{id=" + id + ", rows=" + rows.size() + "}";
  }
}
