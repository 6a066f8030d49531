package org.pet.linkage;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Hashing to NIST P-256 with the RFC 9380 suite {@code P256_XMD:SHA-256_SSWU_RO_} (Section 8.2): a
 * random-oracle encoding, so the point is indistinguishable from uniform and nobody knows its discrete
 * logarithm.
 *
 * <p>{@link #hashToCurve} (Section 3) hashes the message to two field elements with {@link #hashToField}
 * (Section 5.2, {@code L = 48} bytes each, drawn from {@link #expandMessageXmd} with SHA-256, Section
 * 5.3.1), maps each to a point with the simplified SWU map {@link #mapToCurveSswu} (Section 6.6.2,
 * {@code Z = -10}) and adds the two; P-256 has cofactor 1, so clearing it is the identity.
 *
 * <p>The domain separation tag must be unique to the protocol and the use (Section 3.1); tags longer than
 * 255 bytes (Section 5.3.3) are not supported. Arithmetic is Bouncy Castle's fast custom P-256 field.
 * The map is not constant time: it branches on whether {@code g(x1)} is square, so its running time
 * depends on the hashed message. All methods are stateless and thread-safe; the results agree with the
 * test vectors of Appendix J.1.1.
 */
final class HashToCurveP256 {

  private static final int HASH_BYTES = 32;
  /** Bytes hashed per field element: {@code ceil((ceil(log2(p)) + k) / 8)} with {@code k = 128}. */
  static final int L = 48;
  /** Longest tag {@link #expandMessageXmd} takes. */
  static final int MAX_DST_BYTES = 255;
  /** Longest output of {@link #expandMessageXmd}: 255 hash blocks, within the 65535 of I2OSP(len, 2). */
  static final int MAX_EXPAND_BYTES = 255 * HASH_BYTES;
  /** The input block size of SHA-256, the length of {@code Z_pad}. */
  private static final int HASH_BLOCK_BYTES = 64;

  private static final ECCurve CURVE = P256.CURVE;
  private static final BigInteger P = CURVE.getField().getCharacteristic();
  private static final ECFieldElement A = CURVE.getA();
  private static final ECFieldElement B = CURVE.getB();
  private static final ECFieldElement Z = CURVE.fromBigInteger(P.subtract(BigInteger.TEN));
  private static final ECFieldElement MINUS_B_OVER_A = B.negate().divide(A);
  /** {@code x1} when {@code Z^2 u^4 + Z u^2 = 0}; {@code g} of it is square by the choice of {@code Z}. */
  private static final ECFieldElement B_OVER_Z_A = B.divide(Z.multiply(A));
  /** {@code sqrt(-Z^3) = sqrt(1000)}: {@code -Z} is square, {@code Z} and {@code -1} being non-squares. */
  private static final ECFieldElement SQRT_MINUS_Z_CUBED = Z.square().multiply(Z).negate().sqrt();

  /**
   * SHA-256 that has absorbed {@code Z_pad}, the 64 zero bytes opening {@code msg_prime} (Section 5.3.1,
   * step 6). Only ever cloned, never updated, so sharing it is safe.
   */
  private static final MessageDigest ZERO_PADDED_SHA256 = zeroPaddedSha256();

  private HashToCurveP256() {}

  /**
   * {@code hash_to_curve} (Section 3): {@code map_to_curve(u0) + map_to_curve(u1)} for
   * {@code (u0, u1) = hash_to_field(msg, 2)}.
   *
   * @param msg the message, any length
   * @param dst the domain separation tag, 1 to 255 bytes
   * @return the point, normalized (affine); infinity only with negligible probability
   * @throws IllegalArgumentException if {@code dst} is empty or longer than 255 bytes
   */
  static ECPoint hashToCurve(byte[] msg, byte[] dst) {
    ECFieldElement[] u = hashToField(msg, dst, 2);
    return mapToCurveSswu(u[0]).add(mapToCurveSswu(u[1])).normalize();
  }

  /**
   * {@code hash_to_field} (Section 5.2) for the prime field of P-256 ({@code m = 1}): element {@code i} is
   * bytes {@code 48 i .. 48 i + 47} of {@code expand_message_xmd(msg, dst, 48 count)}, read big-endian and
   * reduced modulo {@code p}.
   *
   * @param count the number of elements, 1 to 170
   * @return {@code count} field elements of P-256's curve
   * @throws IllegalArgumentException if {@code count} or {@code dst} is out of range
   */
  static ECFieldElement[] hashToField(byte[] msg, byte[] dst, int count) {
    if (count < 1 || count > MAX_EXPAND_BYTES / L) {
      throw new IllegalArgumentException("`count` must be 1.." + MAX_EXPAND_BYTES / L + ", was " + count);
    }
    byte[] uniform = expandMessageXmd(msg, dst, count * L);
    ECFieldElement[] u = new ECFieldElement[count];
    for (int i = 0; i < count; i++) {
      u[i] = CURVE.fromBigInteger(new BigInteger(1, uniform, i * L, L).mod(P));
    }
    return u;
  }

  /**
   * {@code expand_message_xmd} with SHA-256 (Section 5.3.1): {@code b_0 = H(Z_pad || msg ||
   * I2OSP(len, 2) || 0x00 || DST_prime)}, {@code b_i = H(strxor(b_0, b_(i-1)) || I2OSP(i, 1) ||
   * DST_prime)}, output the first {@code len} bytes of {@code b_1 || b_2 || ...}, where
   * {@code DST_prime = DST || I2OSP(len(DST), 1)}.
   *
   * @param msg the message, any length
   * @param dst the domain separation tag, 1 to 255 bytes
   * @param lenInBytes the output length, 1 to 8160 (255 hash blocks)
   * @return {@code lenInBytes} pseudorandom bytes
   * @throws IllegalArgumentException if {@code dst} or {@code lenInBytes} is out of range
   */
  static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    if (dst.length < 1 || dst.length > MAX_DST_BYTES) {
      throw new IllegalArgumentException(
          "`dst` must be 1.." + MAX_DST_BYTES + " bytes, was " + dst.length);
    }
    if (lenInBytes < 1 || lenInBytes > MAX_EXPAND_BYTES) {
      throw new IllegalArgumentException(
          "`lenInBytes` must be 1.." + MAX_EXPAND_BYTES + ", was " + lenInBytes);
    }
    MessageDigest sha256 = newZeroPaddedSha256();
    sha256.update(msg);
    sha256.update(new byte[] {(byte) (lenInBytes >>> 8), (byte) lenInBytes, 0});
    byte[] b0 = digestWithDstPrime(sha256, dst);
    byte[] uniform = new byte[lenInBytes];
    // b_1 = H(b_0 || 1 || DST_prime) is the general step with b_(i-1) = 0^32.
    byte[] previous = new byte[HASH_BYTES];
    for (int i = 1, offset = 0; offset < lenInBytes; i++, offset += HASH_BYTES) {
      for (int j = 0; j < HASH_BYTES; j++) {
        previous[j] ^= b0[j];
      }
      sha256.update(previous);
      sha256.update((byte) i);
      previous = digestWithDstPrime(sha256, dst);
      System.arraycopy(previous, 0, uniform, offset, Math.min(HASH_BYTES, lenInBytes - offset));
    }
    return uniform;
  }

  /**
   * The simplified SWU map {@code map_to_curve_simple_swu} (Section 6.6.2) for P-256's
   * {@code g(x) = x^3 + A x + B}, {@code Z = -10}, {@code sgn0} the parity of the integer (Section 4.1).
   * One inversion and one exponentiation, as in the {@code sqrt_ratio} for {@code q = 3 mod 4} of Appendix
   * F.2.1.2.
   *
   * @param u an element of P-256's field
   * @return a normalized point on the curve, never infinity
   */
  static ECPoint mapToCurveSswu(ECFieldElement u) {
    ECFieldElement zu2 = Z.multiply(u.square());
    ECFieldElement tv1 = zu2.square().add(zu2);
    // x1 = (-B / A) (1 + 1 / tv1), or B / (Z A) where tv1 = 0 (inv0 of 0 is 0, Section 4)
    ECFieldElement x = tv1.isZero() ? B_OVER_Z_A : MINUS_B_OVER_A.multiply(tv1.addOne().divide(tv1));
    ECFieldElement gx = x.square().add(A).multiply(x).add(B);
    ECFieldElement y = powQuarterPPlusOne(gx);
    if (!y.square().equals(gx)) {
      // g(x1) is not square, so y^2 = -g(x1); then x2 = Z u^2 x1 has g(x2) = (Z u^2)^3 g(x1), whose
      // square root is y u^3 sqrt(-Z^3).
      x = zu2.multiply(x);
      y = y.multiply(u.square().multiply(u)).multiply(SQRT_MINUS_Z_CUBED);
    }
    if (y.testBitZero() != u.testBitZero()) {
      y = y.negate();
    }
    return CURVE.createPoint(x.toBigInteger(), y.toBigInteger());
  }

  /**
   * {@code a^((p+1)/4)}: as {@code p = 3 mod 4}, the square root of {@code a} if it has one, else of
   * {@code -a}. One exponentiation where Bouncy Castle's {@code sqrt} would need a second for a non-square.
   * The exponent is {@code 2^254 - 2^222 + 2^190 + 2^94 = (((2^32 - 1) 2^32 + 1) 2^96 + 1) 2^94}.
   */
  private static ECFieldElement powQuarterPPlusOne(ECFieldElement a) {
    ECFieldElement a2 = a.square().multiply(a); // a^(2^2 - 1)
    ECFieldElement a4 = a2.squarePow(2).multiply(a2);
    ECFieldElement a8 = a4.squarePow(4).multiply(a4);
    ECFieldElement a16 = a8.squarePow(8).multiply(a8);
    ECFieldElement a32 = a16.squarePow(16).multiply(a16); // a^(2^32 - 1)
    return a32.squarePow(32).multiply(a).squarePow(96).multiply(a).squarePow(94);
  }

  /** Finishes a hash input with {@code DST_prime = DST || I2OSP(len(DST), 1)}; resets {@code sha256}. */
  private static byte[] digestWithDstPrime(MessageDigest sha256, byte[] dst) {
    sha256.update(dst);
    sha256.update((byte) dst.length);
    return sha256.digest();
  }

  private static MessageDigest newZeroPaddedSha256() {
    try {
      return (MessageDigest) ZERO_PADDED_SHA256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  private static MessageDigest zeroPaddedSha256() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(new byte[HASH_BLOCK_BYTES]);
      return sha256;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
