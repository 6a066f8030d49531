package org.pet.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.UsageException;

class CsvFileTest {

  @TempDir
  Path directory;

  @Test
  void parse_quotedFieldsWithCommasQuotesAndLineBreaks_keepsLineNumbersOfRecords() {
    CsvFile csv = CsvFile.parse("d.csv", "id,note\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,plain\n");
    assertThat(csv.header()).containsExactly("id", "note");
    assertThat(csv.rows()).extracting(CsvRow::line).containsExactly(2, 5);
    assertThat(csv.rows().get(0).text(1)).isEqualTo("a, \"b\"\nc");
    assertThat(csv.rows().get(1).fields()).containsExactly("2", "plain");
  }

  @Test
  void parse_byteOrderMarkAndBlankHeaderPadding_areIgnored() {
    CsvFile csv = CsvFile.parse("d.csv", "\uFEFF id , value\n1,2");
    assertThat(csv.header()).containsExactly("id", "value");
    assertThat(csv.column("value")).isEqualTo(1);
    assertThat(csv.text()).startsWith(" id");
  }

  @Test
  void parse_trailingCommaAndEmptyFields_areEmptyStrings() {
    CsvFile csv = CsvFile.parse("d.csv", "a,b,c\n,,\n");
    assertThat(csv.rows().get(0).fields()).containsExactly("", "", "");
  }

  @Test
  void parse_raggedRow_namesItsLineAndTheFieldCounts() {
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "a,b\n1,2\n3\n"))
        .isInstanceOf(UsageException.class).hasMessage("d.csv:3: expected 2 fields as in the header, found 1");
  }

  @Test
  void parse_unterminatedQuote_namesTheLineItOpensOn() {
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "a,b\n1,\"open\n\n"))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("d.csv:2: column 2: unterminated quoted field");
  }

  @Test
  void parse_quoteInsideUnquotedField_namesLineAndColumn() {
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "a,b\n1,x\"y\n"))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("d.csv:2: column 2: a double quote inside");
  }

  @Test
  void parse_textAfterClosingQuote_isRejected() {
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "a\n\"x\"y\n"))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("d.csv:2: column 1: unexpected text");
  }

  @Test
  void parse_emptyText_needsAHeader() {
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "\n\n")).isInstanceOf(UsageException.class)
        .hasMessageContaining("header row");
  }

  @Test
  void parse_duplicateOrEmptyColumnName_isRejected() {
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "a,a\n1,2")).hasMessageContaining("\"a\" twice");
    assertThatThrownBy(() -> CsvFile.parse("d.csv", "a,\n1,2")).hasMessageContaining("(empty)");
  }

  @Test
  void column_unknown_listsTheHeader() {
    CsvFile csv = CsvFile.parse("d.csv", "a,b\n1,2");
    assertThatThrownBy(() -> csv.column("c")).isInstanceOf(UsageException.class)
        .hasMessage("d.csv: no column \"c\"; the header has a, b");
  }

  @Test
  void numbers_decimalsAndExponents_areRead() {
    CsvFile csv = CsvFile.parse("d.csv", "x\n1\n -2.5 \n3e2\n.5\n");
    assertThat(csv.numbers("x")).containsExactly(1, -2.5, 300, 0.5);
  }

  @Test
  void number_nonNumeric_namesFileLineAndColumn() {
    CsvFile csv = CsvFile.parse("d.csv", "id,income\n1,10\n2,abc\n");
    assertThatThrownBy(() -> csv.numbers("income")).isInstanceOf(UsageException.class)
        .hasMessage("d.csv:3: column income: \"abc\" is not a number");
  }

  @Test
  void number_emptyField_isNotANumber() {
    CsvFile csv = CsvFile.parse("d.csv", "id,income\n1,\n");
    assertThatThrownBy(() -> csv.numbers("income")).hasMessage("d.csv:2: column income: an empty field is not a number");
  }

  @Test
  void number_nanInfinityAndHex_areNotNumbers() {
    for (String text : List.of("NaN", "Infinity", "0x10", "1d")) {
      CsvFile csv = CsvFile.parse("d.csv", "x\n" + text + "\n");
      assertThatThrownBy(() -> csv.numbers("x")).as(text).hasMessageContaining("is not a number");
    }
  }

  @Test
  void number_beyondDoubleRange_isTooLarge() {
    CsvFile csv = CsvFile.parse("d.csv", "x\n1e400\n");
    assertThatThrownBy(() -> csv.numbers("x")).hasMessage("d.csv:2: column x: \"1e400\" is too large");
  }

  @Test
  void integers_wholeNumbers_areRead_andFractionsRejected() {
    assertThat(CsvFile.parse("d.csv", "n\n7\n-3\n").integers("n")).containsExactly(7, -3);
    CsvFile fraction = CsvFile.parse("d.csv", "n\n7\n1.5\n");
    assertThatThrownBy(() -> fraction.integers("n")).hasMessage("d.csv:3: column n: \"1.5\" is not a whole number");
  }

  @Test
  void read_missingFile_namesTheOption() {
    assertThatThrownBy(() -> CsvFile.read("--input", directory.resolve("missing.csv")))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("--input: no such file: ");
  }

  @Test
  void read_directory_isNotAReadableFile() {
    assertThatThrownBy(() -> CsvFile.read("--input", directory)).hasMessageStartingWith("--input: not a readable file");
  }

  @Test
  void read_invalidUtf8_isRejected() throws Exception {
    Path file = directory.resolve("latin1.csv");
    Files.write(file, "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> CsvFile.read("--input", file)).hasMessageEndingWith("not UTF-8 text");
  }

  @Test
  void read_file_namesRowsByThePath() throws Exception {
    Path file = directory.resolve("data.csv");
    Files.writeString(file, "a,b\n1,x\n");
    CsvFile csv = CsvFile.read("--input", file);
    assertThatThrownBy(() -> csv.numbers("b")).hasMessage(file + ":2: column b: \"x\" is not a number");
  }
}
