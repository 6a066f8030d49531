package org.pet.secagg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic pseudorandom generator that expands a 32-byte seed into a stream of 64-bit words with
 * AES-256 in counter mode: the masks and compressed shares of secure aggregation.
 *
 * <p><b>Stream definition</b> (normative; an independent implementation must reproduce it bit for bit).
 * Let {@code K} be the 32-byte seed, used as an AES-256 key. For {@code i = 0, 1, 2, ...} the counter block
 * {@code C_i} is 16 bytes: bytes 0..7 hold {@code i} as an unsigned 64-bit integer in little-endian order,
 * bytes 8..15 are zero. Block {@code B_i = AES-256-Encrypt_K(C_i)} (a single-block encryption, i.e. ECB
 * without padding). The byte stream is {@code B_0 || B_1 || B_2 || ...}, and word {@code j} of the output
 * is bytes {@code 8j .. 8j+7} of that stream read as a little-endian two's-complement {@code long}; so block
 * {@code B_i} yields words {@code 2i} and {@code 2i+1}. Note that this counter is <em>not</em> the
 * big-endian 128-bit increment of {@code AES/CTR} in JCA or NIST SP 800-38A: with an all-zero initial
 * counter block, such a CTR keystream agrees with this stream in block 0 only. Test vector: for the seed
 * {@code 00 01 02 ... 1f} (hex), blocks 0 and 1 are {@code f29000b62a499fd0a9f39a6add2e7780} and
 * {@code c7b519846a11411cd6ac07cb03f801a8}, so word 0 is {@code 0xd09f492ab60090f2L}.
 *
 * <p><b>Security.</b> If AES-256 is a pseudorandom permutation, the stream of a uniformly random secret
 * seed is indistinguishable from uniform up to the birthday bound of about 2^64 blocks, far beyond the
 * 2^30 blocks an {@code int} length reaches, so each word acts as a one-time pad in Z_{2^64}. A seed
 * must be secret and used for one purpose only: two vectors masked with the same seed leak their
 * difference.
 *
 * <p><b>Determinism.</b> Every call of {@link #expand}, {@link #addTo} and {@link #subtractFrom} restarts
 * the stream at block 0: the same seed and length give the same words, and a shorter expansion is a prefix
 * of a longer one.
 *
 * <p><b>Implementation.</b> Counter blocks are encrypted in bulk, up to 4096 blocks (64 KiB) per call of
 * JCA {@code AES/ECB/NoPadding}, which HotSpot accelerates with AES-NI where the CPU has it (JCA's
 * {@code AES/CTR} is several times slower over large buffers on the machines this was measured on). An
 * instance holds at most two 64 KiB buffers (counter blocks and their encryptions), so {@link #addTo} and
 * {@link #subtractFrom} work on vectors of any length without materialising the stream. The seed lives
 * only inside the cipher's key schedule; {@link #toString()} does not reveal it.
 *
 * <p>Instances are not thread-safe: they reuse one cipher and its buffers. Use one instance per thread.
 */
public final class Prg {

  /** Length of a seed: one AES-256 key. */
  public static final int SEED_BYTES = 32;

  private static final int BLOCK_BYTES = 16;
  private static final int WORDS_PER_BLOCK = BLOCK_BYTES / Long.BYTES;
  /** Blocks encrypted per cipher call: 64 KiB, large enough to amortise the call, small enough for L2. */
  static final int CHUNK_BLOCKS = 4096;

  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Cipher cipher;
  /** Counter blocks of the current chunk; bytes 8..15 of each block stay zero. */
  private byte[] counters = new byte[0];
  /** Encrypted counter blocks of the current chunk. */
  private byte[] blocks = new byte[0];

  private Prg(Cipher cipher) {
    this.cipher = cipher;
  }

  /**
   * Creates the generator for a seed. The seed is copied into the cipher's key, so the caller may wipe
   * its array afterwards.
   *
   * @param seed exactly {@value #SEED_BYTES} secret, uniformly random bytes
   * @return a generator of the stream defined in the class description
   * @throws IllegalArgumentException if {@code seed} is not exactly {@value #SEED_BYTES} bytes long
   * @throws NullPointerException if {@code seed} is null
   * @throws IllegalStateException if the JVM provides no AES/ECB/NoPadding cipher
   */
  public static Prg fromSeed(byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException(
          "`seed` must be exactly " + SEED_BYTES + " bytes long, was " + seed.length + " bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"));
      return new Prg(cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB/NoPadding is not available in this JVM", e);
    }
  }

  /**
   * Returns the first {@code length} words of the stream.
   *
   * @param length the number of words, {@code >= 0}
   * @return a new array holding words {@code 0 .. length-1} of the stream
   * @throws IllegalArgumentException if {@code length < 0}
   */
  public long[] expand(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("`length` must be >= 0, was " + length);
    }
    long[] words = new long[length];
    addTo(words);
    return words;
  }

  /**
   * Adds the stream to {@code target} in place: {@code target[i] += word i} for every
   * {@code i < target.length}, wrapping modulo 2^64. Holds at most one 64 KiB chunk of the stream.
   *
   * @param target the vector to mask; overwritten
   */
  public void addTo(long[] target) {
    apply(target, false);
  }

  /**
   * Subtracts the stream from {@code target} in place: {@code target[i] -= word i} for every
   * {@code i < target.length}, wrapping modulo 2^64; undoes {@link #addTo} with the same seed.
   *
   * @param target the vector to unmask; overwritten
   */
  public void subtractFrom(long[] target) {
    apply(target, true);
  }

  /**
   * Adds words {@code from .. to-1} of the stream to {@code target[from .. to-1]}, wrapping modulo 2^64:
   * the slice of {@link #addTo} that a worker handles when a vector is split among threads.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= target.length}
   */
  public void addTo(long[] target, int from, int to) {
    Objects.checkFromToIndex(from, to, target.length);
    apply(target, from, to, false);
  }

  /** Subtracts words {@code from .. to-1} of the stream from {@code target[from .. to-1]}; see {@link #addTo(long[], int, int)}. */
  public void subtractFrom(long[] target, int from, int to) {
    Objects.checkFromToIndex(from, to, target.length);
    apply(target, from, to, true);
  }

  private void apply(long[] target, boolean subtract) {
    apply(target, 0, target.length, subtract);
  }

  private void apply(long[] target, int from, int to, boolean subtract) {
    // Chunks start on a block boundary: word `from` may be the second word of its block.
    int skip = from % WORDS_PER_BLOCK;
    for (int start = from - skip; start < to; start += CHUNK_BLOCKS * WORDS_PER_BLOCK) {
      int count = Math.min(to - start, CHUNK_BLOCKS * WORDS_PER_BLOCK);
      encryptChunk(start / WORDS_PER_BLOCK, count);
      int first = start < from ? from - start : 0;
      if (subtract) {
        for (int i = first; i < count; i++) {
          target[start + i] -= (long) LITTLE_ENDIAN_LONGS.get(blocks, i * Long.BYTES);
        }
      } else {
        for (int i = first; i < count; i++) {
          target[start + i] += (long) LITTLE_ENDIAN_LONGS.get(blocks, i * Long.BYTES);
        }
      }
    }
  }

  /** Encrypts the counter blocks {@code firstBlock, ...} that cover {@code words} words into blocks. */
  private void encryptChunk(long firstBlock, int words) {
    int blockCount = (words + WORDS_PER_BLOCK - 1) / WORDS_PER_BLOCK;
    int bytes = blockCount * BLOCK_BYTES;
    if (counters.length < bytes) {
      counters = new byte[bytes];
      blocks = new byte[bytes];
    }
    for (int b = 0; b < blockCount; b++) {
      LITTLE_ENDIAN_LONGS.set(counters, b * BLOCK_BYTES, firstBlock + b);
    }
    try {
      cipher.update(counters, 0, bytes, blocks, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES encryption of the counter blocks failed", e);
    }
  }

  /** Describes the generator without its seed. */
  @Override
  public String toString() {
    return "Prg{AES-256 counter stream, seed=<hidden>}";
  }
}
