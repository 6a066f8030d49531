package org.pet.examples.csv;

import java.util.List;
import java.util.regex.Pattern;
import org.pet.examples.UsageException;

/**
 * One data row of a {@link CsvFile}, with typed access to its fields. Conversion errors are
 * {@link UsageException}s of the form {@code data.csv:7: column income: "abc" is not a number}.
 *
 * @param file how the file is named in messages
 * @param line the line the row starts on (the header is line 1)
 * @param header the file's column names
 * @param fields the row's fields, one per column
 */
public record CsvRow(String file, int line, List<String> header, List<String> fields) {

  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** Copies the lists. */
  public CsvRow {
    header = List.copyOf(header);
    fields = List.copyOf(fields);
  }

  /** The field of {@code column} (an index from {@link CsvFile#column}) as it is written. */
  public String text(int column) {
    return fields.get(column);
  }

  /**
   * The field as a decimal number such as {@code -12}, {@code 3.5} or {@code 1e6} (surrounding blanks
   * ignored; {@code NaN}, {@code Infinity} and hexadecimal are not accepted).
   *
   * @throws UsageException if it is empty, not a decimal number, or beyond the range of a double
   */
  public double number(int column) {
    String text = text(column).strip();
    if (!DECIMAL.matcher(text).matches()) {
      throw error(column, describe(text) + " is not a number");
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw error(column, describe(text) + " is too large");
    }
    return value;
  }

  /**
   * The field as a whole number (surrounding blanks ignored).
   *
   * @throws UsageException if it is empty or not an integer that fits in 64 bits
   */
  public long integer(int column) {
    String text = text(column).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error(column, describe(text) + " is not a whole number");
    }
  }

  /** An error about one field of this row: {@code file:line: column NAME: reason}. */
  public UsageException error(int column, String reason) {
    return new UsageException(file + ":" + line + ": column " + header.get(column) + ": " + reason);
  }

  private static String describe(String text) {
    return text.isEmpty() ? "an empty field" : "\"" + text + "\"";
  }
}
