package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The draft's XofTurboShake128 test vector (test-vectors/XofTurboShake128.json), byte for byte. */
class XofTurboShake128Test {

  private static final HexFormat HEX = HexFormat.of();

  static String vectorField(String json, String name) {
    Matcher field = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
    assertThat(field.find()).as("field %s in the vector", name).isTrue();
    return field.group(1).strip();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = XofTurboShake128Test.class.getResourceAsStream("/vdaf/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void draftVector_derivedSeedAndExpandedField128Vector() throws IOException {
    String json = resource("XofTurboShake128.json");
    byte[] seed = HEX.parseHex(vectorField(json, "seed"));
    byte[] dst = HEX.parseHex(vectorField(json, "dst"));
    byte[] binder = HEX.parseHex(vectorField(json, "binder"));
    int length = Integer.parseInt(vectorField(json, "length"));
    assertThat(HEX.formatHex(XofTurboShake128.deriveSeed(seed, dst, binder))).isEqualTo(vectorField(json, "derived_seed"));
    List<Field128.Element> expanded = XofTurboShake128.expandIntoVec(Field128.FIELD, seed, dst, binder, length);
    assertThat(HEX.formatHex(Field128.FIELD.encodeVec(expanded))).isEqualTo(vectorField(json, "expanded_vec_field128"));
  }

  @Test
  void streamReadInPieces_isTheStreamReadAtOnce() {
    byte[] seed = new byte[32];
    byte[] whole = new XofTurboShake128(seed, new byte[] {1}, new byte[0]).next(500);
    XofTurboShake128 xof = new XofTurboShake128(seed, new byte[] {1}, new byte[0]);
    byte[] first = xof.next(167);
    byte[] second = xof.next(333);
    assertThat(HEX.formatHex(first) + HEX.formatHex(second)).isEqualTo(HEX.formatHex(whole));
  }

  @Test
  void oversizedSeedOrTag_refused() {
    assertThatThrownBy(() -> new XofTurboShake128(new byte[256], new byte[0], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`seed`");
    assertThatThrownBy(() -> new XofTurboShake128(new byte[32], new byte[65536], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`dst`");
  }
}
