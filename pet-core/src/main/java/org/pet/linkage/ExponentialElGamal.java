package org.pet.linkage;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Exponential ElGamal on P-256: {@code Enc(m; r) = (r G, m G + r Y)} for the public key {@code Y = x G}.
 * Additively homomorphic (component-wise point addition adds plaintexts) and IND-CPA under DDH. Decryption
 * recovers {@code m G} and then {@code m} by baby-step giant-step, so it is only practical when m is known
 * to lie in a range of at most {@link #MAX_RANGE} integers, which is why the linkage sum uses it with
 * clamped values.
 */
final class ExponentialElGamal {

  /** Widest plaintext range decryption searches: 2^38 integers, about 2^19 baby steps. */
  static final long MAX_RANGE = 1L << 38;
  /** Points normalised together per field inversion while building the tables. */
  private static final int BATCH = 1024;

  private final BigInteger secretKey;
  private final ECPoint publicKey;

  private ExponentialElGamal(BigInteger secretKey) {
    this.secretKey = secretKey;
    this.publicKey = P256.fixedBaseMultiply(P256.G, secretKey).normalize();
  }

  static ExponentialElGamal generate(SecureRandom random) {
    return new ExponentialElGamal(P256.randomScalar(random));
  }

  ECPoint publicKey() {
    return publicKey;
  }

  /** Encrypts {@code m} under {@code publicKey} with fresh randomness. */
  static Ciphertext encrypt(ECPoint publicKey, long m, SecureRandom random) {
    BigInteger r = P256.randomScalar(random);
    ECPoint c1 = P256.fixedBaseMultiply(P256.G, r);
    ECPoint c2 = P256.fixedBaseMultiply(publicKey, r).add(P256.multiplyGenerator(m));
    return new Ciphertext(c1, c2);
  }

  /**
   * Decrypts a ciphertext whose plaintext lies in {@code [min, max]}.
   *
   * @throws IllegalArgumentException if the range is empty or wider than {@link #MAX_RANGE}
   * @throws IllegalStateException if the plaintext is not in the range
   */
  long decrypt(Ciphertext ciphertext, long min, long max) {
    if (max < min || max - min >= MAX_RANGE) {
      throw new IllegalArgumentException("decryption range must hold 1 to 2^38 integers, was ["
          + min + ", " + max + "]");
    }
    ECPoint mG = ciphertext.c2().subtract(ciphertext.c1().multiply(secretKey));
    return min + discreteLog(mG.subtract(P256.multiplyGenerator(min)), max - min);
  }

  /** The m in [0, bound] with target = m G, by baby-step giant-step with sqrt(bound + 1) baby steps. */
  private static long discreteLog(ECPoint target, long bound) {
    int step = (int) Math.ceil(Math.sqrt((double) bound + 1));
    Map<Long, Integer> babySteps = babySteps(step);
    ECPoint giantStep = P256.multiplyGenerator(step).negate();
    ECPoint current = target;
    for (long base = 0; base <= bound; base += step) {
      current = current.normalize();
      if (current.isInfinity()) {
        return base;
      }
      Integer j = babySteps.get(xKey(current));
      if (j != null && P256.multiplyGenerator(j).equals(current) && base + j <= bound) {
        return base + j;
      }
      current = current.add(giantStep);
    }
    throw new IllegalStateException("the plaintext is outside the decryption range");
  }

  /** x-coordinate key of j G for j in [1, step]; x alone also matches -jG, which the caller rules out. */
  private static Map<Long, Integer> babySteps(int step) {
    Map<Long, Integer> table = new HashMap<>(step * 2);
    ECPoint[] batch = new ECPoint[BATCH];
    ECPoint current = P256.CURVE.getInfinity();
    for (int start = 1; start <= step; start += BATCH) {
      int count = Math.min(BATCH, step - start + 1);
      for (int i = 0; i < count; i++) {
        current = current.add(P256.G);
        batch[i] = current;
      }
      P256.CURVE.normalizeAll(batch, 0, count, null);
      for (int i = 0; i < count; i++) {
        table.putIfAbsent(xKey(batch[i]), start + i);
      }
    }
    return table;
  }

  private static long xKey(ECPoint normalized) {
    return normalized.getAffineXCoord().toBigInteger().longValue();
  }

  /** An exponential ElGamal ciphertext {@code (c1, c2)}. */
  record Ciphertext(ECPoint c1, ECPoint c2) {

    /** Encrypts the sum of both plaintexts. */
    Ciphertext add(Ciphertext other) {
      return new Ciphertext(c1.add(other.c1), c2.add(other.c2));
    }

    /** The identity: an encryption of 0 with randomness 0, the start of a homomorphic sum. */
    static Ciphertext zero() {
      return new Ciphertext(P256.CURVE.getInfinity(), P256.CURVE.getInfinity());
    }
  }
}
