package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HashToCurveP256Test {

  private static final HexFormat HEX = HexFormat.of();
  private static final ECCurve CURVE = P256.CURVE;

  /** The suite's test DST of RFC 9380 Appendix J.1.1. */
  private static final byte[] SUITE_DST = ascii("QUUX-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_");
  /** The expander's test DST of RFC 9380 Appendix K.1. */
  private static final byte[] EXPANDER_DST = ascii("QUUX-V01-CS02-with-expander-SHA256-128");

  /** The five test messages shared by Appendices J and K. */
  private static final String EMPTY = "";
  private static final String ABC = "abc";
  private static final String ABCDEF = "abcdef0123456789";
  private static final String Q128 = "q128_" + "q".repeat(128);
  private static final String A512 = "a512_" + "a".repeat(512);

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static ECFieldElement element(String hex) {
    return CURVE.fromBigInteger(new BigInteger(hex, 16));
  }

  private static ECPoint point(String x, String y) {
    return CURVE.createPoint(new BigInteger(x, 16), new BigInteger(y, 16));
  }

  /** RFC 9380 Appendix J.1.1: msg, u0, u1, Q0.x, Q0.y, Q1.x, Q1.y, P.x, P.y. */
  static Stream<Arguments> suiteVectors() {
    return Stream.of(
        Arguments.of(EMPTY,
            "ad5342c66a6dd0ff080df1da0ea1c04b96e0330dd89406465eeba11582515009",
            "8c0f1d43204bd6f6ea70ae8013070a1518b43873bcd850aafa0a9e220e2eea5a",
            "ab640a12220d3ff283510ff3f4b1953d09fad35795140b1c5d64f313967934d5",
            "dccb558863804a881d4fff3455716c836cef230e5209594ddd33d85c565b19b1",
            "51cce63c50d972a6e51c61334f0f4875c9ac1cd2d3238412f84e31da7d980ef5",
            "b45d1a36d00ad90e5ec7840a60a4de411917fbe7c82c3949a6e699e5a1b66aac",
            "2c15230b26dbc6fc9a37051158c95b79656e17a1a920b11394ca91c44247d3e4",
            "8a7a74985cc5c776cdfe4b1f19884970453912e9d31528c060be9ab5c43e8415"),
        Arguments.of(ABC,
            "afe47f2ea2b10465cc26ac403194dfb68b7f5ee865cda61e9f3e07a537220af1",
            "379a27833b0bfe6f7bdca08e1e83c760bf9a338ab335542704edcd69ce9e46e0",
            "5219ad0ddef3cc49b714145e91b2f7de6ce0a7a7dc7406c7726c7e373c58cb48",
            "7950144e52d30acbec7b624c203b1996c99617d0b61c2442354301b191d93ecf",
            "019b7cb4efcfeaf39f738fe638e31d375ad6837f58a852d032ff60c69ee3875f",
            "589a62d2b22357fed5449bc38065b760095ebe6aeac84b01156ee4252715446e",
            "0bb8b87485551aa43ed54f009230450b492fead5f1cc91658775dac4a3388a0f",
            "5c41b3d0731a27a7b14bc0bf0ccded2d8751f83493404c84a88e71ffd424212e"),
        Arguments.of(ABCDEF,
            "0fad9d125a9477d55cf9357105b0eb3a5c4259809bf87180aa01d651f53d312c",
            "b68597377392cd3419d8fcc7d7660948c8403b19ea78bbca4b133c9d2196c0fb",
            "a17bdf2965eb88074bc01157e644ed409dac97cfcf0c61c998ed0fa45e79e4a2",
            "4f1bc80c70d411a3cc1d67aeae6e726f0f311639fee560c7f5a664554e3c9c2e",
            "7da48bb67225c1a17d452c983798113f47e438e4202219dd0715f8419b274d66",
            "b765696b2913e36db3016c47edb99e24b1da30e761a8a3215dc0ec4d8f96e6f9",
            "65038ac8f2b1def042a5df0b33b1f4eca6bff7cb0f9c6c1526811864e544ed80",
            "cad44d40a656e7aff4002a8de287abc8ae0482b5ae825822bb870d6df9b56ca3"),
        Arguments.of(Q128,
            "3bbc30446f39a7befad080f4d5f32ed116b9534626993d2cc5033f6f8d805919",
            "76bb02db019ca9d3c1e02f0c17f8baf617bbdae5c393a81d9ce11e3be1bf1d33",
            "c76aaa823aeadeb3f356909cb08f97eee46ecb157c1f56699b5efebddf0e6398",
            "776a6f45f528a0e8d289a4be12c4fab80762386ec644abf2bffb9b627e4352b1",
            "418ac3d85a5ccc4ea8dec14f750a3a9ec8b85176c95a7022f391826794eb5a75",
            "fd6604f69e9d9d2b74b072d14ea13050db72c932815523305cb9e807cc900aff",
            "4be61ee205094282ba8a2042bcb48d88dfbb609301c49aa8b078533dc65a0b5d",
            "98f8df449a072c4721d241a3b1236d3caccba603f916ca680f4539d2bfb3c29e"),
        Arguments.of(A512,
            "4ebc95a6e839b1ae3c63b847798e85cb3c12d3817ec6ebc10af6ee51adb29fec",
            "4e21af88e22ea80156aff790750121035b3eefaa96b425a8716e0d20b4e269ee",
            "d88b989ee9d1295df413d4456c5c850b8b2fb0f5402cc5c4c7e815412e926db8",
            "bb4a1edeff506cf16def96afff41b16fc74f6dbd55c2210e5b8f011ba32f4f40",
            "a281e34e628f3a4d2a53fa87ff973537d68ad4fbc28d3be5e8d9f6a2571c5a4b",
            "f6ed88a7aab56a488100e6f1174fa9810b47db13e86be999644922961206e184",
            "457ae2981f70ca85d8e24c308b14db22f3e3862c5ea0f652ca38b5e49cd64bc5",
            "ecb9f0eadc9aeed232dabc53235368c1394c78de05dd96893eefa62b0f4757dc"));
  }

  /** RFC 9380 Appendix K.1: msg, len_in_bytes, uniform_bytes. */
  static Stream<Arguments> expanderVectors() {
    return Stream.of(
        Arguments.of(EMPTY, 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"),
        Arguments.of(ABC, 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"),
        Arguments.of(ABCDEF, 0x20, "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1"),
        Arguments.of(Q128, 0x20, "b23a1d2b4d97b2ef7785562a7e8bac7eed54ed6e97e29aa51bfe3f12ddad1ff9"),
        Arguments.of(A512, 0x20, "4623227bcc01293b8c130bf771da8c298dede7383243dc0993d2d94823958c4c"),
        Arguments.of(EMPTY, 0x80, "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbe"
            + "e0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18"
            + "eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dc"
            + "c541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced"),
        Arguments.of(ABC, 0x80, "abba86a6129e366fc877aab32fc4ffc70120d8996c88aee2fe4b32d6c7b6437a"
            + "647e6c3163d40b76a73cf6a5674ef1d890f95b664ee0afa5359a5c4e07985635"
            + "bbecbac65d747d3d2da7ec2b8221b17b0ca9dc8a1ac1c07ea6a1e60583e2cb00"
            + "058e77b7b72a298425cd1b941ad4ec65e8afc50303a22c0f99b0509b4c895f40"),
        Arguments.of(ABCDEF, 0x80, "ef904a29bffc4cf9ee82832451c946ac3c8f8058ae97d8d629831a74c6572bd9"
            + "ebd0df635cd1f208e2038e760c4994984ce73f0d55ea9f22af83ba4734569d4b"
            + "c95e18350f740c07eef653cbb9f87910d833751825f0ebefa1abe5420bb52be1"
            + "4cf489b37fe1a72f7de2d10be453b2c9d9eb20c7e3f6edc5a60629178d9478df"),
        Arguments.of(Q128, 0x80, "80be107d0884f0d881bb460322f0443d38bd222db8bd0b0a5312a6fedb49c1bb"
            + "d88fd75d8b9a09486c60123dfa1d73c1cc3169761b17476d3c6b7cbbd727acd0"
            + "e2c942f4dd96ae3da5de368d26b32286e32de7e5a8cb2949f866a0b80c58116b"
            + "29fa7fabb3ea7d520ee603e0c25bcaf0b9a5e92ec6a1fe4e0391d1cdbce8c68a"),
        Arguments.of(A512, 0x80, "546aff5444b5b79aa6148bd81728704c32decb73a3ba76e9e75885cad9def1d0"
            + "6d6792f8a7d12794e90efed817d96920d728896a4510864370c207f99bd4a608"
            + "ea121700ef01ed879745ee3e4ceef777eda6d9e5e38b90c86ea6fb0b36504ba4"
            + "a45d22e86f6db5dd43d98a294bebb9125d5b794e9d2a81181066eb954966a487"));
  }

  @ParameterizedTest
  @MethodSource("expanderVectors")
  void expandMessageXmd_rfcVector_matchesUniformBytes(String msg, int length, String uniformBytes) {
    assertThat(HEX.formatHex(HashToCurveP256.expandMessageXmd(ascii(msg), EXPANDER_DST, length)))
        .isEqualTo(uniformBytes);
  }

  @Test
  void expandMessageXmd_lengthNotAMultipleOfTheHash_returnsThatManyBytes() {
    assertThat(HashToCurveP256.expandMessageXmd(ascii(ABC), EXPANDER_DST, 100)).hasSize(100);
  }

  @ParameterizedTest
  @MethodSource("suiteVectors")
  void hashToField_rfcVector_matchesU0AndU1(String msg, String u0, String u1, String q0x, String q0y,
      String q1x, String q1y, String px, String py) {
    ECFieldElement[] u = HashToCurveP256.hashToField(ascii(msg), SUITE_DST, 2);
    assertThat(u).containsExactly(element(u0), element(u1));
  }

  @ParameterizedTest
  @MethodSource("suiteVectors")
  void mapToCurveSswu_rfcVector_matchesQ0AndQ1(String msg, String u0, String u1, String q0x, String q0y,
      String q1x, String q1y, String px, String py) {
    assertThat(HashToCurveP256.mapToCurveSswu(element(u0))).isEqualTo(point(q0x, q0y));
    assertThat(HashToCurveP256.mapToCurveSswu(element(u1))).isEqualTo(point(q1x, q1y));
  }

  @ParameterizedTest
  @MethodSource("suiteVectors")
  void hashToCurve_rfcVector_matchesP(String msg, String u0, String u1, String q0x, String q0y,
      String q1x, String q1y, String px, String py) {
    ECPoint p = HashToCurveP256.hashToCurve(ascii(msg), SUITE_DST);
    assertThat(p.isNormalized()).isTrue();
    assertThat(p.getAffineXCoord().toBigInteger()).isEqualTo(new BigInteger(px, 16));
    assertThat(p.getAffineYCoord().toBigInteger()).isEqualTo(new BigInteger(py, 16));
  }

  @Test
  void hashToCurve_manyMessages_givesValidDistinctPoints() {
    Set<ECPoint> points = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ECPoint p = HashToCurveP256.hashToCurve(ascii("message-" + i), SUITE_DST);
      assertThat(p.isValid()).isTrue();
      assertThat(p.isInfinity()).isFalse();
      points.add(p);
    }
    assertThat(points).hasSize(200);
  }

  @Test
  void hashToCurve_differentDsts_giveDifferentPoints() {
    byte[] msg = ascii(ABC);
    ECPoint p = HashToCurveP256.hashToCurve(msg, SUITE_DST);
    assertThat(HashToCurveP256.hashToCurve(msg, ascii("QUUX-V01-CS02-with-P256_XMD:SHA-256_SSWU_NU_")))
        .isNotEqualTo(p);
    assertThat(HashToCurveP256.hashToCurve(msg, ascii("pet-linkage"))).isNotEqualTo(p);
  }

  /** {@code u = 0} and {@code u^2 = -1 / Z = 1 / 10} make {@code Z^2 u^4 + Z u^2} zero: the exceptional case. */
  @Test
  void mapToCurveSswu_exceptionalInputs_giveValidPointsWithXBOverZA() {
    ECFieldElement z = CURVE.fromBigInteger(BigInteger.TEN).negate();
    ECFieldElement expectedX = CURVE.getB().divide(z.multiply(CURVE.getA()));
    ECFieldElement zero = CURVE.fromBigInteger(BigInteger.ZERO);
    ECFieldElement root = CURVE.fromBigInteger(BigInteger.TEN).invert().sqrt();
    assertThat(root).isNotNull();
    for (ECFieldElement u : new ECFieldElement[] {zero, root, root.negate()}) {
      ECPoint q = HashToCurveP256.mapToCurveSswu(u);
      assertThat(q.isValid()).isTrue();
      assertThat(q.getAffineXCoord()).isEqualTo(expectedX);
      assertThat(q.getAffineYCoord().testBitZero()).isEqualTo(u.testBitZero());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 256})
  void hashToCurve_dstOutOfRange_isRejected(int dstLength) {
    assertThatThrownBy(() -> HashToCurveP256.hashToCurve(ascii(ABC), new byte[dstLength]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`dst` must be 1..255 bytes, was " + dstLength);
  }

  @Test
  void expandMessageXmd_longestDstAndOutput_areAccepted() {
    assertThat(HashToCurveP256.expandMessageXmd(new byte[0], new byte[255], 255 * 32)).hasSize(255 * 32);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 255 * 32 + 1, 65536})
  void expandMessageXmd_lengthOutOfRange_isRejected(int length) {
    assertThatThrownBy(() -> HashToCurveP256.expandMessageXmd(new byte[0], EXPANDER_DST, length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`lenInBytes` must be 1..8160, was " + length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 171})
  void hashToField_countOutOfRange_isRejected(int count) {
    assertThatThrownBy(() -> HashToCurveP256.hashToField(new byte[0], SUITE_DST, count))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`count` must be 1..170, was " + count);
  }
}
