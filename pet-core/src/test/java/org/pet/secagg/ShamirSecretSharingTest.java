package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShamirSecretSharingTest {

  @Property(tries = 200)
  void anyThresholdSubset_reconstructsTheSecret(
      @ForAll @Size(min = 1, max = 64) byte[] secret,
      @ForAll @IntRange(min = 2, max = 12) int threshold,
      @ForAll @IntRange(min = 0, max = 8) int extra,
      @ForAll long shuffleSeed) {
    ShamirSecretSharing shamir = new ShamirSecretSharing(threshold, threshold + extra);
    List<ShamirSecretSharing.Share> shares = new ArrayList<>(shamir.split(secret));
    Collections.shuffle(shares, new Random(shuffleSeed));
    int used = threshold + (int) Math.floorMod(shuffleSeed, extra + 1);
    assertThat(shamir.combine(shares.subList(0, used))).isEqualTo(secret);
  }

  @Property(tries = 100)
  void shareEncoding_roundTrips(@ForAll @Size(min = 1, max = 64) byte[] secret) {
    for (ShamirSecretSharing.Share share : new ShamirSecretSharing(2, 3).split(secret)) {
      assertThat(ShamirSecretSharing.Share.fromBytes(share.toBytes())).isEqualTo(share);
    }
  }

  @Test
  void split_leadingZeroBytes_arePreserved() {
    byte[] secret = {0, 0, 0, 7};
    ShamirSecretSharing shamir = new ShamirSecretSharing(3, 5);
    assertThat(shamir.combine(shamir.split(secret).subList(1, 4))).isEqualTo(secret);
  }

  @Test
  void combine_fewerThanThreshold_failsClearly() {
    ShamirSecretSharing shamir = new ShamirSecretSharing(3, 5);
    List<ShamirSecretSharing.Share> shares = shamir.split(new byte[32]);
    assertThatThrownBy(() -> shamir.combine(shares.subList(0, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("need at least 3 shares to reconstruct, got 2");
  }

  @Test
  void combine_duplicateIndex_rejected() {
    ShamirSecretSharing shamir = new ShamirSecretSharing(2, 3);
    List<ShamirSecretSharing.Share> shares = shamir.split(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> shamir.combine(List.of(shares.get(0), shares.get(0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate share index 1");
  }

  @Test
  void combine_corruptedShareAmongMoreThanThreshold_detected() {
    ShamirSecretSharing shamir = new ShamirSecretSharing(3, 5);
    List<ShamirSecretSharing.Share> shares = new ArrayList<>(shamir.split(new byte[] {9, 9}));
    ShamirSecretSharing.Share good = shares.get(4);
    shares.set(4, new ShamirSecretSharing.Share(good.index(), good.secretLength(), good.value().add(BigInteger.ONE)));
    assertThatThrownBy(() -> shamir.combine(shares))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent");
  }

  @Test
  void combineCorrecting_correctsUpToHalfTheRedundancy_andNamesTheWrongIndices() {
    // 9 shares, t = 4: floor(5 / 2) = 2 wrong shares are corrected; a third is too many.
    ShamirSecretSharing shamir = new ShamirSecretSharing(4, 9);
    byte[] secret = {7, 0, 42, -1};
    List<ShamirSecretSharing.Share> shares = new ArrayList<>(shamir.split(secret));
    assertThat(shamir.combineCorrecting(shares).corruptedShareIndices()).isEmpty();
    for (int position : new int[] {1, 6}) {
      ShamirSecretSharing.Share good = shares.get(position);
      shares.set(position, new ShamirSecretSharing.Share(good.index(), good.secretLength(), good.value().add(BigInteger.TEN)));
    }
    ShamirSecretSharing.Reconstruction corrected = shamir.combineCorrecting(shares);
    assertThat(corrected.secret()).isEqualTo(secret);
    assertThat(corrected.corruptedShareIndices()).containsExactly(2, 7);

    ShamirSecretSharing.Share good = shares.get(3);
    shares.set(3, new ShamirSecretSharing.Share(good.index(), good.secretLength(), good.value().add(BigInteger.ONE)));
    assertThatThrownBy(() -> shamir.combineCorrecting(shares)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be corrected").hasMessageContaining("correct at most 2 wrong ones");
  }

  @Test
  void combine_sharesOfDifferentSplits_detectedByTheMarker() {
    ShamirSecretSharing shamir = new ShamirSecretSharing(2, 3);
    byte[] secret = new byte[32];
    List<ShamirSecretSharing.Share> first = shamir.split(secret);
    List<ShamirSecretSharing.Share> second = shamir.split(secret);
    assertThatThrownBy(() -> shamir.combine(List.of(first.get(0), second.get(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not reconstruct a valid secret");
  }

  /** t - 1 shares carry no information: two different secrets give the same share distribution. */
  @Test
  void split_belowThresholdShares_lookUniformWhateverTheSecret() {
    ShamirSecretSharing shamir = new ShamirSecretSharing(2, 2);
    int trials = 4000;
    int[] lowBitOnes = new int[2];
    byte[][] secrets = {new byte[32], filled(32, (byte) 0xFF)};
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < trials; i++) {
        lowBitOnes[s] += shamir.split(secrets[s]).get(0).value().testBit(0) ? 1 : 0;
      }
    }
    // Binomial(4000, 1/2): sd 31.6; 5 sd either way.
    for (int ones : lowBitOnes) {
      assertThat(ones).isBetween(2000 - 158, 2000 + 158);
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 3", "4, 3", "2, 1", "2, 70000"})
  void constructor_badThresholdOrShares_rejected(int threshold, int shares) {
    assertThatThrownBy(() -> new ShamirSecretSharing(threshold, shares))
        .isInstanceOf(IllegalArgumentException.class).hasMessageMatching("`(threshold|shares)` must be .*");
  }

  @Test
  void split_emptyOrOversizedSecret_rejected() {
    ShamirSecretSharing shamir = new ShamirSecretSharing(2, 3);
    assertThatThrownBy(() -> shamir.split(new byte[0])).hasMessageContaining("`secret`");
    assertThatThrownBy(() -> shamir.split(new byte[65])).hasMessageContaining("`secret`");
  }

  @Test
  void share_toString_revealsNoValue() {
    ShamirSecretSharing.Share share = new ShamirSecretSharing(2, 2).split(new byte[] {42}).get(0);
    assertThat(share.toString()).isEqualTo("Share{index=1, secretLength=1}");
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }
}
