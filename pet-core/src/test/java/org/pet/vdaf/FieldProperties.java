package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Field64 (unsigned-long arithmetic) and Field128 agree with arithmetic on integers mod p, obey the field
 * laws, encode as the draft says, and have generators of the stated order.
 */
class FieldProperties {

  private static final BigInteger P64 = Field64.FIELD.modulus();
  private static final BigInteger P128 = Field128.FIELD.modulus();

  @Provide
  Arbitrary<BigInteger> below64() {
    return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ZERO, P64.subtract(BigInteger.ONE)),
        Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, P64.subtract(BigInteger.ONE), P64.subtract(BigInteger.TWO),
            BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE)));
  }

  @Provide
  Arbitrary<BigInteger> below128() {
    BigInteger word = BigInteger.ONE.shiftLeft(64);
    // Field128 works on two 64-bit words and folds 2^128 and 2^192 into them: values at the word and modulus
    // boundaries, and values just below p (the largest products), exercise every carry and borrow.
    return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ZERO, P128.subtract(BigInteger.ONE)),
        Arbitraries.bigIntegers().between(P128.subtract(word.shiftLeft(8)), P128.subtract(BigInteger.ONE)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, word.shiftLeft(2)),
        Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, P128.subtract(BigInteger.ONE),
            P128.subtract(BigInteger.TWO), word.subtract(BigInteger.ONE), word, word.add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(127), P128.subtract(BigInteger.ONE).subtract(word),
            P128.shiftRight(1), P128.shiftRight(1).add(BigInteger.ONE)));
  }

  @Property(tries = 2000)
  void field64_matchesIntegersModP(@ForAll("below64") BigInteger a, @ForAll("below64") BigInteger b) {
    Field64.Element x = Field64.FIELD.of(a);
    Field64.Element y = Field64.FIELD.of(b);
    assertThat(x.add(y).toBigInteger()).isEqualTo(a.add(b).mod(P64));
    assertThat(x.sub(y).toBigInteger()).isEqualTo(a.subtract(b).mod(P64));
    assertThat(x.mul(y).toBigInteger()).isEqualTo(a.multiply(b).mod(P64));
    assertThat(x.neg().toBigInteger()).isEqualTo(a.negate().mod(P64));
    if (a.signum() != 0) {
      assertThat(x.inv().toBigInteger()).isEqualTo(a.modInverse(P64));
    }
  }

  @Property(tries = 5000)
  void field128_matchesIntegersModP(@ForAll("below128") BigInteger a, @ForAll("below128") BigInteger b) {
    Field128.Element x = Field128.FIELD.of(a);
    Field128.Element y = Field128.FIELD.of(b);
    assertThat(x.add(y).toBigInteger()).isEqualTo(a.add(b).mod(P128));
    assertThat(x.sub(y).toBigInteger()).isEqualTo(a.subtract(b).mod(P128));
    assertThat(x.mul(y).toBigInteger()).isEqualTo(a.multiply(b).mod(P128));
    assertThat(x.neg().add(x)).isEqualTo(Field128.FIELD.zero());
    if (a.signum() != 0) {
      assertThat(x.mul(x.inv())).isEqualTo(Field128.FIELD.one());
    }
  }

  @Property(tries = 500)
  void field64_distributesAndAssociates(@ForAll("below64") BigInteger a, @ForAll("below64") BigInteger b,
      @ForAll("below64") BigInteger c) {
    Field64.Element x = Field64.FIELD.of(a);
    Field64.Element y = Field64.FIELD.of(b);
    Field64.Element z = Field64.FIELD.of(c);
    assertThat(x.mul(y.add(z))).isEqualTo(x.mul(y).add(x.mul(z)));
    assertThat(x.mul(y).mul(z)).isEqualTo(x.mul(y.mul(z)));
    assertThat(x.add(y).sub(y)).isEqualTo(x);
  }

  @Property(tries = 300)
  void encodeVec_isLittleEndianAndRoundTrips(@ForAll("below128") BigInteger a, @ForAll("below128") BigInteger b) {
    List<Field128.Element> vector = List.of(Field128.FIELD.of(a), Field128.FIELD.of(b));
    byte[] encoded = Field128.FIELD.encodeVec(vector);
    assertThat(encoded).hasSize(32);
    byte[] bigEndian = new byte[17];
    for (int i = 0; i < 16; i++) {
      bigEndian[16 - i] = encoded[i];
    }
    assertThat(new BigInteger(bigEndian)).isEqualTo(a); // little-endian, independently of the field code
    assertThat(Field128.FIELD.decodeVec(encoded)).isEqualTo(vector);
  }

  @Test
  void decodeVec_refusesRaggedInputAndValuesNotBelowP() {
    assertThatThrownBy(() -> Field64.FIELD.decodeVec(new byte[7])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple");
    byte[] p = Field64.FIELD.encodeVec(List.of(Field64.FIELD.one()));
    long modulus = Field64.P;
    for (int i = 0; i < 8; i++) {
      p[i] = (byte) (modulus >>> (8 * i));
    }
    assertThatThrownBy(() -> Field64.FIELD.decodeVec(p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modulus overflow");
    assertThat(Field64.FIELD.of(-1).toBigInteger()).isEqualTo(P64.subtract(BigInteger.ONE));
    assertThatThrownBy(() -> Field64.FIELD.of(P64)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generators_haveTheStatedPowerOfTwoOrder() {
    Field64.Element g64 = Field64.FIELD.gen();
    assertThat(g64.pow(1L << 32)).isEqualTo(Field64.FIELD.one());
    assertThat(g64.pow(1L << 31)).isNotEqualTo(Field64.FIELD.one());
    BigInteger g128 = Field128.FIELD.gen().toBigInteger();
    assertThat(g128.modPow(BigInteger.ONE.shiftLeft(66), P128)).isEqualTo(BigInteger.ONE);
    assertThat(g128.modPow(BigInteger.ONE.shiftLeft(65), P128)).isNotEqualTo(BigInteger.ONE);
  }
}
