package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.secagg.AdditiveSecretSharing.CompressedShares;

class AdditiveSecretSharingTest {

  private static final int WORDS = 4096;

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -1, Integer.MIN_VALUE})
  void split_fewerThanTwoParties_throwsNamingParties(int parties) {
    assertThatThrownBy(() -> AdditiveSecretSharing.split(new long[3], parties))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`parties`")
        .hasMessageContaining("was " + parties);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -1})
  void splitCompressed_fewerThanTwoParties_throwsNamingParties(int parties) {
    assertThatThrownBy(() -> AdditiveSecretSharing.splitCompressed(new long[3], parties))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`parties`");
  }

  @Test
  void reconstruct_noShares_throws() {
    assertThatThrownBy(() -> AdditiveSecretSharing.reconstruct(new long[0][]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`shares`");
  }

  @Test
  void reconstruct_shorterShare_throwsNamingIt() {
    long[][] shares = {new long[4], new long[4], new long[3]};
    assertThatThrownBy(() -> AdditiveSecretSharing.reconstruct(shares))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`shares[2]`")
        .hasMessageContaining("was 3");
  }

  @Test
  void reconstruct_longerShare_throwsNamingIt() {
    long[][] shares = {new long[4], new long[5]};
    assertThatThrownBy(() -> AdditiveSecretSharing.reconstruct(shares))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`shares[1]`");
  }

  @Test
  void compressedShares_noSeeds_throwsNamingSeeds() {
    assertThatThrownBy(() -> new CompressedShares(List.of(), new long[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`seeds`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 31, 33})
  void compressedShares_seedOfWrongLength_throwsNamingTheSeed(int length) {
    assertThatThrownBy(() -> new CompressedShares(List.of(new byte[32], new byte[length]), new long[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`seeds[1]`");
  }

  @Test
  void expandShare_seedOfWrongLength_throwsNamingSeed() {
    assertThatThrownBy(() -> AdditiveSecretSharing.expandShare(new byte[16], 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`seed`");
  }

  @Test
  void expandShare_negativeLength_throwsNamingLength() {
    assertThatThrownBy(() -> AdditiveSecretSharing.expandShare(new byte[32], -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`length`");
  }

  @Test
  void split_emptySecret_givesEmptyShares() {
    long[][] shares = AdditiveSecretSharing.split(new long[0], 3);
    assertThat(shares).hasNumberOfRows(3);
    assertThat(AdditiveSecretSharing.reconstruct(shares)).isEmpty();
  }

  @Test
  void split_doesNotModifyTheSecret() {
    long[] secret = {1, 2, 3};
    AdditiveSecretSharing.split(secret, 4);
    AdditiveSecretSharing.splitCompressed(secret, 4);
    assertThat(secret).containsExactly(1, 2, 3);
  }

  @Test
  void split_twice_drawsFreshSeeds() {
    long[] secret = {42};
    Set<Long> firstShares = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      firstShares.add(AdditiveSecretSharing.split(secret, 2)[0][0]);
    }
    assertThat(firstShares).hasSize(100);
  }

  @Test
  void splitCompressed_seedsAreDistinctAndFresh() {
    CompressedShares shares = AdditiveSecretSharing.splitCompressed(new long[1], 20);
    Set<String> seeds = new HashSet<>();
    shares.seeds().forEach(seed -> seeds.add(Arrays.toString(seed)));
    AdditiveSecretSharing.splitCompressed(new long[1], 20).seeds()
        .forEach(seed -> seeds.add(Arrays.toString(seed)));
    assertThat(seeds).hasSize(38);
  }

  @Test
  void splitCompressed_seedSharesExpandLikeTheFullShares() {
    long[] secret = {5, -5, Long.MAX_VALUE};
    CompressedShares compressed = AdditiveSecretSharing.splitCompressed(secret, 4);
    long[][] full = new long[4][];
    for (int i = 0; i < 3; i++) {
      full[i] = AdditiveSecretSharing.expandShare(compressed.seeds().get(i), secret.length);
    }
    full[3] = compressed.finalShare();
    assertThat(AdditiveSecretSharing.reconstruct(full)).isEqualTo(secret);
    assertThat(compressed.parties()).isEqualTo(4);
    assertThat(compressed.length()).isEqualTo(3);
  }

  @Test
  void compressedShares_constructorAndAccessors_copyEveryArray() {
    long[] secret = {7, 8, 9};
    CompressedShares original = AdditiveSecretSharing.splitCompressed(secret, 3);
    List<byte[]> seeds = new ArrayList<>(original.seeds());
    long[] finalShare = original.finalShare();
    CompressedShares copy = new CompressedShares(seeds, finalShare);
    seeds.get(0)[0] ^= 1;
    seeds.set(1, new byte[32]);
    finalShare[0]++;
    copy.seeds().get(1)[5] ^= 1;
    copy.finalShare()[2]++;
    original.seeds().get(0)[0] ^= 1;
    assertThat(AdditiveSecretSharing.reconstruct(copy)).containsExactly(7, 8, 9);
    assertThat(AdditiveSecretSharing.reconstruct(original)).containsExactly(7, 8, 9);
  }

  @Test
  void compressedShares_toString_showsNoSecrets() {
    CompressedShares shares = AdditiveSecretSharing.splitCompressed(new long[] {123456789}, 3);
    String text = shares.toString();
    assertThat(text).isEqualTo("CompressedShares{parties=3, length=1}");
    assertThat(shares).isNotEqualTo(new CompressedShares(shares.seeds(), shares.finalShare()));
  }

  /**
   * Any n - 1 of the shares look uniform whatever the secret: for extreme secrets, every share and the
   * sum of every n - 1 shares has balanced bits. Binomial(2^18, 1/2) counts within 6 standard deviations
   * (sd 256): a false alarm about once in 5e8 checks, here 3 secrets x 7 checks.
   */
  @Test
  void split_anyNMinusOneShares_haveBalancedBitsWhateverTheSecret() {
    int parties = 4;
    double bits = 64.0 * WORDS;
    for (long value : new long[] {0, -1, Long.MIN_VALUE}) {
      long[] secret = new long[WORDS];
      Arrays.fill(secret, value);
      long[][] shares = AdditiveSecretSharing.split(secret, parties);
      for (int dropped = 0; dropped < parties; dropped++) {
        long[] partialSum = new long[WORDS];
        for (int p = 0; p < parties; p++) {
          if (p != dropped) {
            for (int i = 0; i < WORDS; i++) {
              partialSum[i] += shares[p][i];
            }
          }
        }
        assertThat((double) ones(partialSum)).isCloseTo(bits / 2, within(6 * Math.sqrt(bits) / 2));
      }
      for (long[] share : shares) {
        assertThat((double) ones(share)).isCloseTo(bits / 2, within(6 * Math.sqrt(bits) / 2));
      }
    }
  }

  private static long ones(long[] words) {
    long ones = 0;
    for (long word : words) {
      ones += Long.bitCount(word);
    }
    return ones;
  }
}
