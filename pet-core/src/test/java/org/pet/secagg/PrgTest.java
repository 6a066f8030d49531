package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrgTest {

  /** Seed 0x00, 0x01, ..., 0x1f. */
  private static final byte[] COUNTING_SEED = HexFormat.of()
      .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  /**
   * Blocks 0, 1 and 2 of the stream for {@link #COUNTING_SEED}, computed independently of Java with
   * {@code openssl enc -aes-256-ecb -nopad -K 000102...1f} on the counter blocks
   * {@code 00..00}, {@code 01 00..00} and {@code 02 00..00}. Block 0 is also the well-known AES-256
   * encryption of the zero block under this key.
   */
  private static final String COUNTING_SEED_FIRST_48_BYTES =
      "f29000b62a499fd0a9f39a6add2e7780" + "c7b519846a11411cd6ac07cb03f801a8"
          + "4ef4b88bebd54953c37ffaf66efaca7b";

  private static byte[] seed(long value) {
    byte[] seed = new byte[Prg.SEED_BYTES];
    new SplittableRandom(value).nextBytes(seed);
    return seed;
  }

  /** The stream as little-endian bytes. */
  private static byte[] bytes(long[] words) {
    ByteBuffer buffer = ByteBuffer.allocate(words.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asLongBuffer().put(words);
    return buffer.array();
  }

  /** Reference: block i of the stream, one hand-built counter block through its own AES/ECB cipher. */
  private static byte[] referenceBlock(byte[] seed, long i) throws GeneralSecurityException {
    byte[] counter = new byte[16];
    for (int b = 0; b < 8; b++) {
      counter[b] = (byte) (i >>> (8 * b));
    }
    Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"));
    return aes.doFinal(counter);
  }

  /** Reference: the first {@code length} words, block by block. */
  private static long[] referenceWords(byte[] seed, int length) throws GeneralSecurityException {
    ByteBuffer stream = ByteBuffer.allocate((length + 1) / 2 * 16).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; stream.hasRemaining(); i++) {
      stream.put(referenceBlock(seed, i));
    }
    long[] words = new long[length];
    stream.flip();
    stream.asLongBuffer().get(words);
    return words;
  }

  @Test
  void expand_countingSeed_matchesPinnedHex() {
    long[] words = Prg.fromSeed(COUNTING_SEED).expand(6);
    assertThat(HexFormat.of().formatHex(bytes(words))).isEqualTo(COUNTING_SEED_FIRST_48_BYTES);
    assertThat(words[0]).isEqualTo(0xd09f492ab60090f2L);
    assertThat(words[1]).isEqualTo(0x80772edd6a9af3a9L);
  }

  @Test
  void expand_firstTwoWords_matchSingleBlockAesEcbOfCounterZero() throws GeneralSecurityException {
    byte[] seed = seed(1);
    ByteBuffer block = ByteBuffer.wrap(referenceBlock(seed, 0)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Prg.fromSeed(seed).expand(2)).containsExactly(block.getLong(), block.getLong());
  }

  /** Several chunks and an odd length, so chunk boundaries and the half-used last block are covered. */
  @Test
  void expand_acrossChunks_matchesBlockByBlockReference() throws GeneralSecurityException {
    byte[] seed = seed(2);
    int length = 2 * Prg.CHUNK_BLOCKS * 2 + 2 * 300 + 1;
    assertThat(Prg.fromSeed(seed).expand(length)).isEqualTo(referenceWords(seed, length));
  }

  @Test
  void addTo_acrossChunks_addsBlockByBlockReference() throws GeneralSecurityException {
    byte[] seed = seed(3);
    int length = 3 * Prg.CHUNK_BLOCKS * 2 - 1;
    long[] target = new SplittableRandom(4).longs(length).toArray();
    long[] expected = target.clone();
    long[] reference = referenceWords(seed, length);
    for (int i = 0; i < length; i++) {
      expected[i] += reference[i];
    }
    Prg.fromSeed(seed).addTo(target);
    assertThat(target).isEqualTo(expected);
  }

  /**
   * The counter is little-endian in the low 8 bytes, unlike JCA's big-endian AES/CTR increment: the two
   * agree on block 0 (both encrypt the zero block) and differ from block 1 on.
   */
  @Test
  void expand_differsFromJcaCtrAfterBlockZero() throws GeneralSecurityException {
    byte[] seed = seed(5);
    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
    ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
    byte[] ctrStream = ctr.doFinal(new byte[32]);
    byte[] stream = bytes(Prg.fromSeed(seed).expand(4));
    assertThat(Arrays.copyOfRange(stream, 0, 16)).isEqualTo(Arrays.copyOfRange(ctrStream, 0, 16));
    assertThat(Arrays.copyOfRange(stream, 16, 32)).isNotEqualTo(Arrays.copyOfRange(ctrStream, 16, 32));
  }

  @Test
  void expand_calledTwice_restartsFromBlockZero() {
    Prg prg = Prg.fromSeed(seed(6));
    long[] first = prg.expand(1000);
    long[] zeros = new long[10];
    prg.addTo(zeros);
    assertThat(prg.expand(1000)).isEqualTo(first);
    assertThat(zeros).isEqualTo(Arrays.copyOf(first, 10));
  }

  @Test
  void expand_zeroLength_isEmpty() {
    assertThat(Prg.fromSeed(seed(7)).expand(0)).isEmpty();
  }

  @Test
  void expand_negativeLength_throwsNamingLength() {
    assertThatThrownBy(() -> Prg.fromSeed(seed(8)).expand(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`length`").hasMessageContaining("-1");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16, 24, 31, 33, 64})
  void fromSeed_wrongLength_throwsNamingSeed(int length) {
    assertThatThrownBy(() -> Prg.fromSeed(new byte[length]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`seed`")
        .hasMessageContaining("was " + length + " bytes");
  }

  @Test
  void fromSeed_null_throwsNullPointerException() {
    assertThatThrownBy(() -> Prg.fromSeed(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void fromSeed_callerWipesItsSeed_streamIsUnchanged() {
    byte[] seed = seed(9);
    long[] expected = Prg.fromSeed(seed).expand(8);
    Prg prg = Prg.fromSeed(seed);
    Arrays.fill(seed, (byte) 0);
    assertThat(prg.expand(8)).isEqualTo(expected);
  }

  @Test
  void fromSeed_seedsDifferingInOneBit_giveUnrelatedStreams() {
    byte[] seed = seed(10);
    byte[] flipped = seed.clone();
    flipped[31] ^= 1;
    long[] a = Prg.fromSeed(seed).expand(64);
    long[] b = Prg.fromSeed(flipped).expand(64);
    long differingBits = 0;
    for (int i = 0; i < a.length; i++) {
      differingBits += Long.bitCount(a[i] ^ b[i]);
    }
    // Binomial(4096, 1/2): sd 32; 6 sd never fail by chance.
    assertThat((double) differingBits).isCloseTo(2048, within(6 * 32.0));
  }

  @Test
  void toString_doesNotRevealTheSeed() {
    byte[] seed = COUNTING_SEED.clone();
    String text = Prg.fromSeed(seed).toString();
    assertThat(text).doesNotContain(HexFormat.of().formatHex(seed)).doesNotContain(Arrays.toString(seed))
        .doesNotContain("0001020304").doesNotContain("f29000b6").contains("Prg");
  }

  /**
   * Each bit position over 2^16 words, and all 2^22 bits together, are balanced: Binomial(n, 1/2) counts
   * within 6 standard deviations (false alarm about 2e-9 per check, 1.3e-7 for all 65 checks).
   */
  @Test
  void expand_outputBitsAreBalanced() {
    int words = 1 << 16;
    long[] stream = Prg.fromSeed(seed(11)).expand(words);
    long[] perPosition = new long[64];
    long ones = 0;
    for (long word : stream) {
      ones += Long.bitCount(word);
      for (int bit = 0; bit < 64; bit++) {
        perPosition[bit] += (word >>> bit) & 1;
      }
    }
    double bits = 64.0 * words;
    assertThat((double) ones).isCloseTo(bits / 2, within(6 * Math.sqrt(bits) / 2));
    for (long count : perPosition) {
      assertThat((double) count).isCloseTo(words / 2.0, within(6 * Math.sqrt(words) / 2));
    }
  }

  /** Consecutive words are not correlated: the XOR of neighbours is balanced too. */
  @Test
  void expand_xorOfNeighbouringWordsIsBalanced() {
    int words = 1 << 16;
    long[] stream = Prg.fromSeed(seed(12)).expand(words + 1);
    long ones = 0;
    for (int i = 0; i < words; i++) {
      ones += Long.bitCount(stream[i] ^ stream[i + 1]);
    }
    double bits = 64.0 * words;
    // 6 standard deviations of Binomial(2^22, 1/2): a false alarm about once in 5e8 runs.
    assertThat((double) ones).isCloseTo(bits / 2, within(6 * Math.sqrt(bits) / 2));
  }
}
