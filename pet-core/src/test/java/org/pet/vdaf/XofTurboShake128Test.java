package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The draft's XofTurboShake128 test vector (test-vectors/XofTurboShake128.json), byte for byte. */
class XofTurboShake128Test {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void draftVector_derivedSeedAndExpandedField128Vector() throws IOException {
    Map<String, Object> vector = Prio3TestVectorsTest.vector("XofTurboShake128.json");
    byte[] seed = HEX.parseHex((String) vector.get("seed"));
    byte[] dst = HEX.parseHex((String) vector.get("dst"));
    byte[] binder = HEX.parseHex((String) vector.get("binder"));
    int length = (Integer) vector.get("length");
    assertThat(HEX.formatHex(XofTurboShake128.deriveSeed(seed, dst, binder))).isEqualTo(vector.get("derived_seed"));
    List<Field128.Element> expanded = XofTurboShake128.expandIntoVec(Field128.FIELD, seed, dst, binder, length);
    assertThat(HEX.formatHex(Field128.FIELD.encodeVec(expanded))).isEqualTo(vector.get("expanded_vec_field128"));
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
