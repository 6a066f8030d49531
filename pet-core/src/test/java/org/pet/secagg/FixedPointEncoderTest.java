package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedPointEncoderTest {

  @ParameterizedTest
  @ValueSource(ints = {-1, 53, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void constructor_fractionalBitsOutOfRange_throwsNamingFractionalBits(int fractionalBits) {
    assertThatThrownBy(() -> new FixedPointEncoder(fractionalBits))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`fractionalBits`")
        .hasMessageContaining("was " + fractionalBits);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 52})
  void constructor_fractionalBitsInRange_resolutionIsTwoToMinusF(int fractionalBits) {
    FixedPointEncoder encoder = new FixedPointEncoder(fractionalBits);
    assertThat(encoder.fractionalBits()).isEqualTo(fractionalBits);
    assertThat(encoder.resolution()).isEqualTo(Math.pow(2, -fractionalBits));
  }

  @Test
  void encode_nan_throwsNamingValue() {
    assertThatThrownBy(() -> new FixedPointEncoder(8).encode(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`value`").hasMessageContaining("NaN");
  }

  @Test
  void encode_positiveInfinity_throwsNamingValue() {
    assertThatThrownBy(() -> new FixedPointEncoder(8).encode(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`value`");
  }

  @Test
  void encode_negativeInfinity_throwsNamingValue() {
    assertThatThrownBy(() -> new FixedPointEncoder(8).encode(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`value`");
  }

  @Test
  void encodeArray_nanAtIndexTwo_throwsNamingTheIndex() {
    assertThatThrownBy(() -> new FixedPointEncoder(8).encode(new double[] {1, 2, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[2]`");
  }

  @Test
  void encodeArray_infinityAtIndexZero_throwsNamingTheIndex() {
    assertThatThrownBy(() -> new FixedPointEncoder(0).encode(new double[] {Double.NEGATIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[0]`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10, 52})
  void encodeArray_scaledMagnitudeTwoTo63_throwsNamingTheIndex(int f) {
    FixedPointEncoder encoder = new FixedPointEncoder(f);
    double edge = Math.scalb(1.0, 63 - f);
    assertThatThrownBy(() -> encoder.encode(new double[] {0, edge}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[1]`");
    // -2^63 would fit a long, but the magnitude bound is symmetric.
    assertThatThrownBy(() -> encoder.encode(new double[] {-edge}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[0]`");
    assertThatThrownBy(() -> encoder.encode(new double[] {0, 1, 2 * edge}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[2]`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10, 52})
  void encode_largestDoubleBelowTheEdge_isExact(int f) {
    FixedPointEncoder encoder = new FixedPointEncoder(f);
    double below = Math.nextDown(Math.scalb(1.0, 63 - f));
    assertThat(encoder.encode(below)).isEqualTo(Long.MAX_VALUE - 1023);
    assertThat(encoder.encode(-below)).isEqualTo(-(Long.MAX_VALUE - 1023));
    assertThat(encoder.decode(encoder.encode(below))).isEqualTo(below);
  }

  @Test
  void encode_ties_roundHalfToEven() {
    FixedPointEncoder encoder = new FixedPointEncoder(1);
    assertThat(encoder.encode(new double[] {0.25, 0.75, -0.25, -0.75, 0.3}))
        .containsExactly(0, 2, 0, -2, 1);
  }

  @Test
  void decode_readsTheWordAsSigned() {
    FixedPointEncoder encoder = new FixedPointEncoder(4);
    assertThat(encoder.decode(-1L)).isEqualTo(-1.0 / 16);
    assertThat(encoder.decode(Long.MIN_VALUE)).isEqualTo(-0x1p59);
    assertThat(encoder.decode(new long[] {16, -32, 0})).containsExactly(1.0, -2.0, 0.0);
  }

  @Test
  void decode_wrappedSumOfEncodings_givesTheRealSum() {
    FixedPointEncoder encoder = FixedPointEncoder.forSum(3, 1000, 20);
    long a = encoder.encode(-700.25);
    long b = encoder.encode(-999.5);
    long c = encoder.encode(1000);
    // Adding a mask and removing it again wraps around 2^64 twice; the sum still decodes.
    long mask = 0x9e3779b97f4a7c15L;
    assertThat(encoder.decode(a + mask + b + c - mask)).isEqualTo(-699.75);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void forSum_partiesBelowOne_throwsNamingParties(int parties) {
    assertThatThrownBy(() -> FixedPointEncoder.forSum(parties, 1.0, 16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`parties`");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void forSum_maxAbsValueNotFinitePositive_throwsNamingMaxAbsValue(double maxAbsValue) {
    assertThatThrownBy(() -> FixedPointEncoder.forSum(10, maxAbsValue, 16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`maxAbsValue`");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 53})
  void forSum_fractionalBitsOutOfRange_throwsNamingFractionalBits(int fractionalBits) {
    assertThatThrownBy(() -> FixedPointEncoder.forSum(10, 1.0, fractionalBits))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`fractionalBits`");
  }

  @Test
  void forSum_overflowingBudget_messageGivesAllThreeNumbers() {
    assertThatThrownBy(() -> FixedPointEncoder.forSum(1024, 0x1p40, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`maxAbsValue`").hasMessageContaining("1.099511627776E12")
        .hasMessageContaining("parties = 1024").hasMessageContaining("fractionalBits = 13");
  }

  /**
   * 2^20 * (2^43 - 1/2) is below 2^63, but 2^43 - 1/2 encodes to 2^43 and 2^20 such encodings sum to
   * exactly 2^63, which wraps to -2^63: the budget must count the rounding.
   */
  @Test
  void forSum_roundingUpWouldReachTwoTo63_throws() {
    double maxAbs = 0x1p43 - 0.5;
    FixedPointEncoder unbounded = new FixedPointEncoder(0);
    assertThat(unbounded.encode(maxAbs) << 20).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> FixedPointEncoder.forSum(1 << 20, maxAbs, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`maxAbsValue`");
    assertThat(FixedPointEncoder.forSum((1 << 20) - 1, maxAbs, 0).encode(maxAbs)).isEqualTo(1L << 43);
  }

  @Test
  void forSumEncode_valueAboveMaxAbsValue_throwsNamingTheIndex() {
    FixedPointEncoder encoder = FixedPointEncoder.forSum(5, 100, 16);
    assertThatThrownBy(() -> encoder.encode(new double[] {100, -100, Math.nextUp(100.0)}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[2]`")
        .hasMessageContaining("100.00000000000001");
  }

  @Test
  void forSumEncode_valueBelowMinusMaxAbsValue_throwsNamingTheIndex() {
    FixedPointEncoder encoder = FixedPointEncoder.forSum(5, 100, 16);
    assertThatThrownBy(() -> encoder.encode(new double[] {-100.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[0]`");
  }

  @Test
  void forSumEncode_singleValueOutOfRange_throwsNamingValue() {
    assertThatThrownBy(() -> FixedPointEncoder.forSum(5, 100, 16).encode(1e6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`value`");
  }

  @Test
  void forSumEncode_nan_throwsNamingTheIndex() {
    assertThatThrownBy(() -> FixedPointEncoder.forSum(5, 100, 16).encode(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`values[0]`");
  }

  @Test
  void forSumEncode_boundItself_isAccepted() {
    FixedPointEncoder encoder = FixedPointEncoder.forSum(5, 100, 16);
    assertThat(encoder.encode(new double[] {100, -100})).containsExactly(100L << 16, -100L << 16);
  }

  @Test
  void toString_namesTheParameters() {
    assertThat(new FixedPointEncoder(16)).hasToString("FixedPointEncoder{fractionalBits=16}");
    assertThat(FixedPointEncoder.forSum(3, 2.5, 8))
        .hasToString("FixedPointEncoder{fractionalBits=8, parties=3, maxAbsValue=2.5}");
  }
}
