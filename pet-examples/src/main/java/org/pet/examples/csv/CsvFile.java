package org.pet.examples.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pet.examples.Inputs;
import org.pet.examples.UsageException;

/**
 * A CSV file read whole for the command line: a header row naming the columns, then data rows, each
 * remembering the line it starts on so that every error names the file, the line and the column
 * ({@code data.csv:7: column income: "abc" is not a number}).
 *
 * <p>Format: RFC 4180 in UTF-8 (a leading byte-order mark is ignored): fields separated by commas, records
 * by LF or CRLF; a field may be enclosed in double quotes, and then may hold commas, line breaks and
 * doubled quotes ({@code ""}). Empty lines are skipped. Header names are stripped of surrounding blanks and
 * must be distinct and not empty; every data row must have as many fields as the header.
 *
 * <p>Usage: {@code CsvFile csv = CsvFile.read("--input", path); int income = csv.column("income");
 * for (CsvRow row : csv.rows()) { double x = row.number(income); ... }}. Immutable.
 */
public final class CsvFile {

  private final String name;
  private final List<String> header;
  private final List<CsvRow> rows;
  private final String text;

  private CsvFile(String name, List<String> header, List<CsvRow> rows, String text) {
    this.name = name;
    this.header = header;
    this.rows = rows;
    this.text = text;
  }

  /**
   * Reads and checks a whole file.
   *
   * @param option the command-line option that named the file, for messages about a missing file
   * @throws UsageException if the file is missing or unreadable, not UTF-8, or malformed (the message names
   *     the line and, where it applies, the column)
   * @throws UncheckedIOException if reading fails after the file was found
   */
  public static CsvFile read(String option, Path file) {
    Inputs.readableFile(option, file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new UsageException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses CSV text.
   *
   * @param name how the text is named in messages (a file name)
   * @throws UsageException if it is malformed
   */
  public static CsvFile parse(String name, String text) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Record> records = new CsvParser(name, content).records();
    if (records.isEmpty()) {
      throw new UsageException(name + ": empty file; a header row naming the columns is required");
    }
    Record first = records.get(0);
    List<String> header = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String column : first.fields()) {
      String stripped = column.strip();
      if (stripped.isEmpty() || !seen.add(stripped)) {
        throw new UsageException(name + ":" + first.line() + ": header: column names must be distinct and not "
            + "empty, found \"" + stripped + "\"" + (stripped.isEmpty() ? " (empty)" : " twice"));
      }
      header.add(stripped);
    }
    List<CsvRow> rows = new ArrayList<>();
    for (Record record : records.subList(1, records.size())) {
      if (record.fields().size() != header.size()) {
        throw new UsageException(name + ":" + record.line() + ": expected " + header.size()
            + " fields as in the header, found " + record.fields().size());
      }
      rows.add(new CsvRow(name, record.line(), header, record.fields()));
    }
    return new CsvFile(name, List.copyOf(header), List.copyOf(rows), content);
  }

  /** How the file is named in messages. */
  public String name() {
    return name;
  }

  /** The column names, in order. */
  public List<String> header() {
    return header;
  }

  /** The data rows, in order. */
  public List<CsvRow> rows() {
    return rows;
  }

  /** The file's text (without a byte-order mark), for sending it on unchanged. */
  public String text() {
    return text;
  }

  /**
   * The index of a column, for {@link CsvRow}'s accessors.
   *
   * @throws UsageException if the header has no such column (the message lists the columns)
   */
  public int column(String column) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new UsageException(name + ": no column \"" + column + "\"; the header has " + String.join(", ", header));
    }
    return index;
  }

  /** Every value of a numeric column, in row order (see {@link CsvRow#number}). */
  public double[] numbers(String column) {
    int index = column(column);
    return rows.stream().mapToDouble(row -> row.number(index)).toArray();
  }

  /** Every value of a whole-number column, in row order (see {@link CsvRow#integer}). */
  public long[] integers(String column) {
    int index = column(column);
    return rows.stream().mapToLong(row -> row.integer(index)).toArray();
  }

  /** One parsed record and the line it starts on. */
  record Record(int line, List<String> fields) {}
}
