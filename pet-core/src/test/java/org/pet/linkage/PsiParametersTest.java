package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PsiParametersTest {

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.5})
  void cardinalityEpsilon_invalid_rejectedAtOnce(double epsilon) {
    PsiParameters.Builder builder = PsiParameters.builder();

    assertThatThrownBy(() -> builder.cardinalityEpsilon(epsilon)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`cardinalityEpsilon` must be finite and > 0, was " + epsilon);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, 0.0, -1})
  void sumEpsilon_invalid_rejectedAtOnce(double epsilon) {
    assertThatThrownBy(() -> PsiParameters.builder().sumEpsilon(epsilon))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`sumEpsilon` must be finite and > 0");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, (1L << 31) + 1, Long.MAX_VALUE})
  void sum_maxValueOutOfRange_rejected(long maxValue) {
    assertThatThrownBy(() -> PsiParameters.builder().sum(maxValue)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`maxValue` must be in [1, 2^31]");
  }

  @Test
  void build_withoutSessionId_rejected() {
    assertThatThrownBy(() -> PsiParameters.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void create_blankOrLongSessionId_rejected() {
    assertThatThrownBy(() -> new PsiParameters(" ", 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PsiParameters("x".repeat(201), 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_noiseOnOneOutputOnly_rejected() {
    assertThatThrownBy(() -> PsiParameters.builder().sessionId("s").sum(3).cardinalityEpsilon(1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise must cover both outputs");
    assertThatThrownBy(() -> PsiParameters.builder().sessionId("s").sumEpsilon(1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a sum");
  }

  @Test
  void build_valid_reportsTotalEpsilon() {
    PsiParameters parameters = PsiParameters.builder().sessionId("s").sum(3).cardinalityEpsilon(0.25)
        .sumEpsilon(0.5).build();

    assertThat(parameters.epsilon()).isEqualTo(0.75);
    assertThat(parameters.computesSum()).isTrue();
    assertThat(parameters.isNoised()).isTrue();
    assertThat(PsiParameters.builder().sessionId("s").cardinalityEpsilon(1).build().computesSum()).isFalse();
  }

  @Test
  void standardNormalizer_foldsWhitespaceCaseAndCompatibilityForms() {
    IdentifierNormalizer standard = IdentifierNormalizer.standard();

    assertThat(standard.normalize(" 943 476\t5919 ")).isEqualTo("9434765919");
    assertThat(standard.normalize("ＡＢ１２")).isEqualTo("ab12");
    assertThat(IdentifierNormalizer.exact().normalize(" A ")).isEqualTo(" A ");
  }

  /** Every Unicode White_Space code point (PropList.txt) is removed, and nothing else. */
  @Test
  void standardNormalizer_removesExactlyTheUnicodeWhiteSpaceCodePoints() {
    int[] whiteSpace = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
        0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
    IdentifierNormalizer standard = IdentifierNormalizer.standard();
    for (int codePoint : whiteSpace) {
      assertThat(standard.normalize("12" + Character.toString(codePoint) + "34")).as("U+%04X", codePoint)
          .isEqualTo("1234");
    }
    assertThat(IdentifierNormalizer.WHITE_SPACE.codePoints().toArray()).containsExactly(whiteSpace);
    for (int kept : new int[] {0x1C, 0x1D, 0x1E, 0x1F, 0x200B, 0xFEFF, 0x180E}) {
      assertThat(standard.normalize("12" + Character.toString(kept) + "34")).as("U+%04X", kept)
          .isEqualTo("12" + Character.toString(kept) + "34");
    }
  }
}
