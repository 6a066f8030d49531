package org.pet.examples.csv;

import java.util.ArrayList;
import java.util.List;
import org.pet.examples.UsageException;

/**
 * Splits RFC 4180 text into records, tracking the line each starts on (see {@link CsvFile}). A line ends
 * with LF, CRLF or a lone CR.
 */
final class CsvParser {

  private final String name;
  private final String text;
  private int position;
  private int line = 1;

  CsvParser(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** All records, empty lines skipped. */
  List<CsvFile.Record> records() {
    List<CsvFile.Record> records = new ArrayList<>();
    while (position < text.length()) {
      if (lineEndLength() > 0) {
        skipLineEnd();
        continue;
      }
      int start = line;
      List<String> fields = new ArrayList<>();
      fields.add(field(1));
      while (position < text.length() && text.charAt(position) == ',') {
        position++;
        fields.add(field(fields.size() + 1));
      }
      records.add(new CsvFile.Record(start, fields));
      if (position < text.length()) {
        skipLineEnd();
      }
    }
    return records;
  }

  /** Reads one field, leaving the position on the comma or line end after it, or at the end. */
  private String field(int column) {
    if (position < text.length() && text.charAt(position) == '"') {
      return quoted(column);
    }
    int start = position;
    while (!atFieldEnd()) {
      if (text.charAt(position) == '"') {
        throw error(line, column, "a double quote inside an unquoted field (enclose the field in double quotes "
            + "and double the quote)");
      }
      position++;
    }
    return text.substring(start, position);
  }

  private String quoted(int column) {
    int opened = line;
    position++;
    StringBuilder value = new StringBuilder();
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c != '"') {
        if (c == '\n' || (c == '\r' && (position == text.length() || text.charAt(position) != '\n'))) {
          line++;
        }
        value.append(c);
      } else if (position < text.length() && text.charAt(position) == '"') {
        value.append('"');
        position++;
      } else if (atFieldEnd()) {
        return value.toString();
      } else {
        throw error(line, column, "unexpected text after a closing double quote");
      }
    }
    throw error(opened, column, "unterminated quoted field (no closing double quote before the end of the file)");
  }

  private boolean atFieldEnd() {
    return position >= text.length() || text.charAt(position) == ',' || lineEndLength() > 0;
  }

  /** The length of the line end at the position: 2 for CRLF, 1 for LF or CR, 0 if none. */
  private int lineEndLength() {
    char c = text.charAt(position);
    if (c == '\r') {
      return position + 1 < text.length() && text.charAt(position + 1) == '\n' ? 2 : 1;
    }
    return c == '\n' ? 1 : 0;
  }

  private void skipLineEnd() {
    position += lineEndLength();
    line++;
  }

  private UsageException error(int atLine, int column, String reason) {
    return new UsageException(name + ":" + atLine + ": column " + column + ": " + reason);
  }
}
