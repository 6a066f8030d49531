package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LogEntryTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void leafData_emptyStrings_isIndexAndThreeZeroLengths() {
    LogEntry entry = new LogEntry(258, "", "", "");

    assertThat(HEX.formatHex(entry.leafData())).isEqualTo("0000000000000102" + "00000000" + "00000000" + "00000000");
  }

  @Test
  void leafData_nonAsciiText_prefixesUtf8ByteLengthNotCharCount() {
    LogEntry entry = new LogEntry(0, "t", "é", "\uD83D\uDE00"); // é is 2 UTF-8 bytes, U+1F600 is 4

    assertThat(HEX.formatHex(entry.leafData()))
        .isEqualTo("0000000000000000" + "0000000174" + "00000002c3a9" + "00000004f09f9880");
  }

  @Test
  void leafHash_isMerkleLeafHashOfLeafData() {
    LogEntry entry = new LogEntry(3, "2026-01-01T00:00:00Z", "query", "{}");

    assertThat(entry.leafHash()).isEqualTo(MerkleTree.leafHash(entry.leafData()));
  }

  @Test
  void leafData_fieldBoundariesMoved_differs() {
    assertThat(new LogEntry(0, "ab", "c", "").leafData()).isNotEqualTo(new LogEntry(0, "a", "bc", "").leafData());
    assertThat(new LogEntry(0, "", "", "x").leafData()).isNotEqualTo(new LogEntry(0, "", "x", "").leafData());
  }

  @Test
  void constructor_negativeIndex_rejected() {
    assertThatThrownBy(() -> new LogEntry(-1, "t", "type", "{}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`index` must be >= 0, was -1");
  }

  @Test
  void constructor_nullTimestamp_rejected() {
    assertThatThrownBy(() -> new LogEntry(0, null, "type", "{}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`timestamp` must not be null");
  }

  @Test
  void constructor_nullType_rejected() {
    assertThatThrownBy(() -> new LogEntry(0, "t", null, "{}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`type` must not be null");
  }

  @Test
  void constructor_nullPayload_rejected() {
    assertThatThrownBy(() -> new LogEntry(0, "t", "type", null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`payload` must not be null");
  }

  @Test
  void constructor_unpairedSurrogate_rejected() {
    assertThatThrownBy(() -> new LogEntry(0, "t", "type", "{\"x\":\"\uD800\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`payload` must be well-formed Unicode, was a string with an unpaired surrogate at char 6");
    assertThatThrownBy(() -> new LogEntry(0, "t", "\uDC00", "{}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`type` must be well-formed Unicode");
  }
}
