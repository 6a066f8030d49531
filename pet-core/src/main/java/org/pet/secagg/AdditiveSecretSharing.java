package org.pet.secagg;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pet.random.Randomness;

/**
 * n-out-of-n additive secret sharing of vectors over Z_{2^64} (Java {@code long} arithmetic, wrapping).
 *
 * <p>A secret vector {@code s} is split into {@code n >= 2} shares {@code r_1, ..., r_{n-1}, r_n} with
 * {@code r_1 + ... + r_n = s} element-wise modulo 2^64. Shares {@code r_1 .. r_{n-1}} are the
 * {@link Prg} expansions of fresh, independent 32-byte seeds drawn from
 * {@link Randomness#secureRandom()}; the final share is {@code r_n = s - (r_1 + ... + r_{n-1})}.
 *
 * <p><b>Guarantee.</b> Any {@code n - 1} of the shares are jointly uniform and independent of the secret
 * (perfectly so for truly uniform {@code r_i}; computationally, with the PRG's AES-based security, for
 * {@link Prg} expansions), so anyone holding fewer than all {@code n} shares learns nothing about
 * {@code s}. All {@code n} shares together determine {@code s} exactly. Sharing is linear: the
 * element-wise sum of shares of several secrets is a sharing of the sum of the secrets. The scheme
 * protects confidentiality only; it does not detect a share that was altered.
 *
 * <p><b>Compressed shares.</b> {@link #splitCompressed} returns the {@code n - 1} seeds instead of their
 * expansions, so only the final share travels in full; a holder expands its seed with
 * {@link #expandShare}. A seed is as secret as the share it stands for.
 *
 * <p>All methods are static, take no seed from the caller and are thread-safe; inputs are never
 * modified and results are fresh arrays.
 */
public final class AdditiveSecretSharing {

  private AdditiveSecretSharing() {}

  /**
   * Splits {@code secret} into {@code parties} full-length shares.
   *
   * @param secret the vector to share; not modified
   * @param parties the number of shares {@code n}, at least 2
   * @return {@code n} arrays of {@code secret.length} words whose element-wise sum modulo 2^64 is
   *     {@code secret}; the first {@code n - 1} are PRG expansions of fresh random seeds
   * @throws IllegalArgumentException if {@code parties < 2}
   */
  public static long[][] split(long[] secret, int parties) {
    CompressedShares compressed = splitCompressed(secret, parties);
    long[][] shares = new long[parties][];
    for (int i = 0; i < parties - 1; i++) {
      shares[i] = Prg.fromSeed(compressed.seeds[i]).expand(secret.length);
      Arrays.fill(compressed.seeds[i], (byte) 0);
    }
    shares[parties - 1] = compressed.finalShare;
    return shares;
  }

  /**
   * Sums shares element-wise modulo 2^64.
   *
   * @param shares all {@code n} shares of one secret (any order), each of the same length
   * @return the secret
   * @throws IllegalArgumentException if {@code shares} is empty or the shares differ in length
   */
  public static long[] reconstruct(long[][] shares) {
    if (shares.length == 0) {
      throw new IllegalArgumentException("`shares` must hold at least one share, was empty");
    }
    long[] secret = shares[0].clone();
    for (int p = 1; p < shares.length; p++) {
      long[] share = shares[p];
      if (share.length != secret.length) {
        throw new IllegalArgumentException("`shares[" + p + "]` must have the length of `shares[0]`, "
            + secret.length + ", was " + share.length);
      }
      for (int i = 0; i < secret.length; i++) {
        secret[i] += share[i];
      }
    }
    return secret;
  }

  /**
   * Splits {@code secret} into {@code parties - 1} fresh random seeds and one full final share.
   *
   * @param secret the vector to share; not modified
   * @param parties the number of shares {@code n}, at least 2
   * @return the {@code n - 1} seeds and the final share {@code secret - sum of the seeds' expansions}
   * @throws IllegalArgumentException if {@code parties < 2}
   */
  public static CompressedShares splitCompressed(long[] secret, int parties) {
    if (parties < 2) {
      throw new IllegalArgumentException("`parties` must be >= 2, was " + parties);
    }
    SecureRandom random = Randomness.secureRandom();
    byte[][] seeds = new byte[parties - 1][Prg.SEED_BYTES];
    for (byte[] seed : seeds) {
      random.nextBytes(seed);
    }
    CompressedShares shares = splitCompressedWithSeeds(secret, seeds);
    for (byte[] seed : seeds) {
      Arrays.fill(seed, (byte) 0);
    }
    return shares;
  }

  /**
   * The deterministic core of {@link #splitCompressed}: the final share for given seeds. Package-private
   * so that tests can fix the seeds; production code always draws fresh ones.
   */
  static CompressedShares splitCompressedWithSeeds(long[] secret, byte[][] seeds) {
    long[] finalShare = secret.clone();
    for (byte[] seed : seeds) {
      Prg.fromSeed(seed).subtractFrom(finalShare);
    }
    return new CompressedShares(seeds, finalShare);
  }

  /**
   * Expands a compressed share to its full form.
   *
   * @param seed one of the seeds of {@link CompressedShares}, {@value Prg#SEED_BYTES} bytes
   * @param length the length of the shared vector, {@code >= 0}
   * @return the share: the first {@code length} words of {@link Prg#fromSeed(byte[]) Prg.fromSeed(seed)}
   * @throws IllegalArgumentException if the seed is not {@value Prg#SEED_BYTES} bytes or {@code length < 0}
   */
  public static long[] expandShare(byte[] seed, int length) {
    return Prg.fromSeed(seed).expand(length);
  }

  /**
   * Reconstructs the secret from all compressed shares.
   *
   * @param shares the seeds and final share of one secret
   * @return the final share plus the expansions of all seeds, modulo 2^64
   */
  public static long[] reconstruct(CompressedShares shares) {
    long[] secret = shares.finalShare.clone();
    for (byte[] seed : shares.seeds) {
      Prg.fromSeed(seed).addTo(secret);
    }
    return secret;
  }

  /**
   * The shares of one secret in compressed form: {@code n - 1} PRG seeds and the full final share.
   *
   * <p>Immutable: the constructor and accessors copy every array. {@link #toString()} shows only the
   * number of parties and the vector length, never seeds or share words; {@code equals} is identity, so
   * that secrets are never compared in variable time.
   */
  public static final class CompressedShares {

    private final byte[][] seeds;
    private final long[] finalShare;

    /**
     * Wraps received shares, for example to {@link #reconstruct(CompressedShares)} them.
     *
     * @param seeds the {@code n - 1 >= 1} seeds, each {@value Prg#SEED_BYTES} bytes; copied
     * @param finalShare the full final share; copied
     * @throws IllegalArgumentException if {@code seeds} is empty or a seed has the wrong length
     */
    public CompressedShares(List<byte[]> seeds, long[] finalShare) {
      this(seeds.toArray(new byte[0][]), finalShare.clone());
    }

    /** Takes ownership of the arrays after copying each seed. */
    private CompressedShares(byte[][] seeds, long[] finalShare) {
      if (seeds.length == 0) {
        throw new IllegalArgumentException("`seeds` must hold at least one seed (parties >= 2), was empty");
      }
      this.seeds = new byte[seeds.length][];
      for (int i = 0; i < seeds.length; i++) {
        if (seeds[i].length != Prg.SEED_BYTES) {
          throw new IllegalArgumentException("`seeds[" + i + "]` must be exactly " + Prg.SEED_BYTES
              + " bytes long, was " + seeds[i].length + " bytes");
        }
        this.seeds[i] = seeds[i].clone();
      }
      this.finalShare = finalShare;
    }

    /** Returns copies of the {@code n - 1} seeds, in share order. */
    public List<byte[]> seeds() {
      List<byte[]> copies = new ArrayList<>(seeds.length);
      for (byte[] seed : seeds) {
        copies.add(seed.clone());
      }
      return copies;
    }

    /** Returns a copy of the final share, the one share that is sent in full. */
    public long[] finalShare() {
      return finalShare.clone();
    }

    /** Returns the number of shares {@code n}: the seeds plus the final share. */
    public int parties() {
      return seeds.length + 1;
    }

    /** Returns the length of the shared vector. */
    public int length() {
      return finalShare.length;
    }

    @Override
    public String toString() {
      return "CompressedShares{parties=" + parties() + ", length=" + length() + "}";
    }
  }
}
