package org.pet.secagg;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pet.random.Randomness;

/**
 * Shamir's t-of-n secret sharing (Shamir 1979) over the prime field Z_p, p = 2^521 - 1 (a Mersenne
 * prime), for secrets of up to {@link #MAX_SECRET_BYTES} bytes such as keys and PRG seeds.
 *
 * <p><b>Guarantee.</b> Any {@code threshold - 1} shares are independent of the secret (information-
 * theoretically); any {@code threshold} shares determine it. The secret s of L bytes is embedded as the
 * field element m = 2^(8L) + s (a marker bit above the secret keeps leading zero bytes), the polynomial
 * f(x) = m + a_1 x + ... + a_(t-1) x^(t-1) has uniform coefficients from {@link Randomness#secureRandom()},
 * and share i is (i, f(i)) for i = 1..n.
 *
 * <p>{@link #combine} interpolates f(0) from the first {@code threshold} shares; if more are given they
 * must lie on the same polynomial (checked by one random parity check, {@link ShamirInterpolation}, which
 * misses an inconsistency with probability 2^-521), and the result must carry the marker, so corrupted or
 * mixed-up shares are reported instead of returning garbage (undetectable only with exactly
 * {@code threshold} shares, and then with probability about 2^(8L + 1 - 521)). The interpolation
 * coefficients depend only on the share indices and are reused while the indices stay the same (a server
 * reconstructing every secret from the same participants computes them once). Instances are thread-safe.
 */
public final class ShamirSecretSharing {

  /** The field modulus p = 2^521 - 1. */
  static final BigInteger PRIME = ShamirInterpolation.PRIME;
  /** Largest secret: the marker bit and 512 secret bits stay below p. */
  public static final int MAX_SECRET_BYTES = 64;
  /** Largest number of shares (share indices are 1..shares). */
  public static final int MAX_SHARES = 1 << 16;

  private static final String INCONSISTENT = "shares are inconsistent";
  private static final String INVALID_SECRET = "shares do not reconstruct a valid secret";

  private final int threshold;
  private final int shares;
  /** The interpolation for the last list of indices {@link #combine} saw; immutable, so sharing it is safe. */
  private volatile ShamirInterpolation lastInterpolation;

  /**
   * @param threshold shares needed to reconstruct, {@code 2 <= threshold <= shares}
   * @param shares number of shares produced, at most {@link #MAX_SHARES}
   * @throws IllegalArgumentException if the numbers are out of range
   */
  public ShamirSecretSharing(int threshold, int shares) {
    if (shares < 2 || shares > MAX_SHARES) {
      throw new IllegalArgumentException("`shares` must be in [2, " + MAX_SHARES + "], was " + shares);
    }
    if (threshold < 2 || threshold > shares) {
      throw new IllegalArgumentException(
          "`threshold` must be in [2, shares = " + shares + "], was " + threshold);
    }
    this.threshold = threshold;
    this.shares = shares;
  }

  public int threshold() {
    return threshold;
  }

  public int shares() {
    return shares;
  }

  /**
   * Splits {@code secret} into {@link #shares()} shares with indices 1..shares.
   *
   * @param secret 1 to {@link #MAX_SECRET_BYTES} bytes
   * @throws IllegalArgumentException if the secret is empty or too long
   */
  public List<Share> split(byte[] secret) {
    int[] all = new int[shares];
    for (int x = 1; x <= shares; x++) {
      all[x - 1] = x;
    }
    return splitAt(secret, all);
  }

  /**
   * Splits {@code secret} and returns only the shares with the given indices, in that order - for a
   * secret shared among a subset of the holders (SecAgg+ neighbourhoods); any threshold of them
   * reconstruct it, fewer reveal nothing.
   *
   * @param indices distinct share indices in [1, {@link #shares()}]
   * @throws IllegalArgumentException if the secret is empty or too long, or an index is out of range or repeats
   */
  public List<Share> splitAt(byte[] secret, int[] indices) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0 || secret.length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "`secret` must have 1 to " + MAX_SECRET_BYTES + " bytes, had " + secret.length);
    }
    Set<Integer> seen = new HashSet<>();
    for (int x : indices) {
      if (x < 1 || x > shares || !seen.add(x)) {
        throw new IllegalArgumentException("share indices must be distinct and in [1, " + shares + "], had " + x);
      }
    }
    BigInteger[] coefficients = new BigInteger[threshold];
    coefficients[0] = BigInteger.ONE.shiftLeft(8 * secret.length).add(new BigInteger(1, secret));
    SecureRandom random = Randomness.secureRandom();
    for (int i = 1; i < threshold; i++) {
      coefficients[i] = ShamirInterpolation.uniformFieldElement(random);
    }
    List<Share> result = new ArrayList<>(indices.length);
    for (int x : indices) {
      result.add(new Share(x, secret.length, evaluate(coefficients, BigInteger.valueOf(x))));
    }
    return List.copyOf(result);
  }

  /**
   * Reconstructs the secret from at least {@link #threshold()} shares of one split.
   *
   * @throws IllegalArgumentException if there are fewer than threshold shares, duplicate or out-of-range
   *     indices, shares of different secret lengths, or shares that are inconsistent with each other
   */
  public byte[] combine(Collection<Share> given) {
    List<Share> list = checked(given);
    ShamirInterpolation interpolation = interpolationFor(list.stream().mapToInt(Share::index).toArray());
    List<BigInteger> values = list.stream().map(Share::value).toList();
    if (!interpolation.consistent(values)) {
      throw new IllegalArgumentException(INCONSISTENT + ": they do not lie on one polynomial of degree below the threshold");
    }
    return unembed(interpolation.atZero(values), list.get(0).secretLength());
  }

  /** The shares as a list, checked: at least threshold, indices in range and distinct, one secret length. */
  private List<Share> checked(Collection<Share> given) {
    Objects.requireNonNull(given, "shares");
    if (given.size() < threshold) {
      throw new IllegalArgumentException(
          "need at least " + threshold + " shares to reconstruct, got " + given.size());
    }
    List<Share> list = List.copyOf(given);
    int secretLength = list.get(0).secretLength();
    Set<Integer> seen = new HashSet<>();
    for (Share share : list) {
      if (share.index() < 1 || share.index() > shares) {
        throw new IllegalArgumentException("share index must be in [1, " + shares + "], was " + share.index());
      }
      if (!seen.add(share.index())) {
        throw new IllegalArgumentException("duplicate share index " + share.index());
      }
      if (share.secretLength() != secretLength) {
        throw new IllegalArgumentException("shares come from secrets of different lengths");
      }
    }
    return list;
  }

  /**
   * A secret reconstructed from shares some of which may have been wrong.
   *
   * @param secret the secret
   * @param corruptedShareIndices the indices of the given shares that were wrong (corrected), ascending
   */
  public record Reconstruction(byte[] secret, List<Integer> corruptedShareIndices) {
    public Reconstruction {
      secret = secret.clone();
      corruptedShareIndices = List.copyOf(corruptedShareIndices);
    }

    @Override
    public byte[] secret() {
      return secret.clone();
    }
  }

  /**
   * Reconstructs the secret from r &gt;= {@link #threshold()} shares of one split of which up to
   * floor((r - t) / 2) may be wrong, and names the wrong ones. When all shares agree (the parity check of
   * {@link #combine}) this costs what {@code combine} costs; otherwise the shares are decoded as a
   * Reed-Solomon codeword (Gao's algorithm, quadratic in r), which finds the polynomial and the shares off
   * it.
   *
   * @throws IllegalArgumentException as {@link #combine} for malformed input, and if the shares disagree
   *     in more places than r shares can correct (or the decoded secret lacks its marker)
   */
  public Reconstruction combineCorrecting(Collection<Share> given) {
    List<Share> list = checked(given);
    int secretLength = list.get(0).secretLength();
    ShamirInterpolation interpolation = interpolationFor(list.stream().mapToInt(Share::index).toArray());
    List<BigInteger> values = list.stream().map(Share::value).toList();
    if (interpolation.consistent(values)) {
      BigInteger embedded = interpolation.atZero(values);
      if (carriesMarker(embedded, secretLength)) {
        return new Reconstruction(unembed(embedded, secretLength), List.of());
      }
    }
    int[] xs = list.stream().mapToInt(Share::index).toArray();
    BigInteger[] ys = list.stream().map(Share::value).toArray(BigInteger[]::new);
    ReedSolomonDecoder.Decoded decoded;
    try {
      decoded = ReedSolomonDecoder.decode(xs, ys, threshold);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(INCONSISTENT + " and cannot be corrected: " + list.size()
          + " shares with threshold " + threshold + " correct at most "
          + ReedSolomonDecoder.correctable(list.size(), threshold) + " wrong ones", e);
    }
    byte[] secret = unembed(decoded.atZero(), secretLength);
    List<Integer> corrupted = new ArrayList<>();
    for (int position : decoded.errors()) {
      corrupted.add(xs[position]);
    }
    corrupted.sort(null);
    return new Reconstruction(secret, corrupted);
  }

  private static boolean carriesMarker(BigInteger embedded, int secretLength) {
    return embedded.bitLength() == 8 * secretLength + 1;
  }

  /** The secret of {@code secretLength} bytes under its marker bit, or an exception if the marker is off. */
  private static byte[] unembed(BigInteger embedded, int secretLength) {
    if (!carriesMarker(embedded, secretLength)) {
      throw new IllegalArgumentException(INVALID_SECRET + " (corrupted, or from different splits)");
    }
    byte[] withMarker = embedded.toByteArray();
    return Arrays.copyOfRange(withMarker, withMarker.length - secretLength, withMarker.length);
  }

  /**
   * The interpolation for these indices (f(0) from the first {@code threshold}, a check on all), reused
   * from the previous call when the indices are the same. The check's random coefficients are drawn when
   * it is built, after the shares it first checks were given.
   */
  private ShamirInterpolation interpolationFor(int[] indices) {
    ShamirInterpolation last = lastInterpolation;
    if (last != null && Arrays.equals(last.indices(), indices)) {
      return last;
    }
    ShamirInterpolation interpolation = new ShamirInterpolation(indices, threshold, Randomness.secureRandom());
    lastInterpolation = interpolation;
    return interpolation;
  }

  private static BigInteger evaluate(BigInteger[] coefficients, BigInteger x) {
    BigInteger result = BigInteger.ZERO;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      result = ShamirInterpolation.reduce(result.multiply(x).add(coefficients[i]));
    }
    return result;
  }

  /**
   * One share: its index x, the length of the shared secret, and f(x). The value is secret material:
   * it is excluded from {@link #toString()} and only readable inside this package or as encoded bytes.
   */
  public static final class Share {

    /** Encoded size: 4-byte index, 1-byte secret length, 66-byte big-endian value. */
    static final int ENCODED_BYTES = 4 + 1 + 66;

    private final int index;
    private final int secretLength;
    private final BigInteger value;

    Share(int index, int secretLength, BigInteger value) {
      this.index = index;
      this.secretLength = secretLength;
      this.value = value;
    }

    public int index() {
      return index;
    }

    public int secretLength() {
      return secretLength;
    }

    BigInteger value() {
      return value;
    }

    /** The stable encoding: index (4 bytes, big-endian), secret length (1 byte), f(index) (66 bytes). */
    public byte[] toBytes() {
      byte[] out = new byte[ENCODED_BYTES];
      out[0] = (byte) (index >>> 24);
      out[1] = (byte) (index >>> 16);
      out[2] = (byte) (index >>> 8);
      out[3] = (byte) index;
      out[4] = (byte) secretLength;
      byte[] magnitude = value.toByteArray();
      int copy = Math.min(magnitude.length, 66);
      System.arraycopy(magnitude, magnitude.length - copy, out, ENCODED_BYTES - copy, copy);
      return out;
    }

    /**
     * Decodes {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the encoding is malformed or the value is not a field element
     */
    public static Share fromBytes(byte[] encoded) {
      if (encoded.length != ENCODED_BYTES) {
        throw new IllegalArgumentException("a share encoding has " + ENCODED_BYTES + " bytes, had " + encoded.length);
      }
      int index = ((encoded[0] & 0xFF) << 24) | ((encoded[1] & 0xFF) << 16) | ((encoded[2] & 0xFF) << 8)
          | (encoded[3] & 0xFF);
      int secretLength = encoded[4] & 0xFF;
      BigInteger value = new BigInteger(1, Arrays.copyOfRange(encoded, 5, ENCODED_BYTES));
      if (index < 1 || secretLength < 1 || secretLength > MAX_SECRET_BYTES || value.compareTo(PRIME) >= 0) {
        throw new IllegalArgumentException("malformed share encoding");
      }
      return new Share(index, secretLength, value);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Share share && share.index == index && share.secretLength == secretLength
          && share.value.equals(value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(index, secretLength, value);
    }

    @Override
    public String toString() {
      return "Share{index=" + index + ", secretLength=" + secretLength + "}";
    }
  }
}
