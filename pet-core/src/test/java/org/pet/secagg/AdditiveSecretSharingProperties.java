package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pet.secagg.AdditiveSecretSharing.CompressedShares;

/** Correctness, linearity and secrecy structure of additive sharing over generated secrets. */
class AdditiveSecretSharingProperties {

  @Provide
  Arbitrary<long[]> secrets() {
    return Arbitraries.longs().array(long[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<byte[][]> seedLists() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Prg.SEED_BYTES)
        .array(byte[][].class).ofMinSize(1).ofMaxSize(19);
  }

  @Property
  void split_anySecretAndParties_reconstructs(
      @ForAll("secrets") long[] secret, @ForAll @IntRange(min = 2, max = 20) int parties) {
    long[][] shares = AdditiveSecretSharing.split(secret, parties);
    assertThat(shares).hasNumberOfRows(parties);
    for (long[] share : shares) {
      assertThat(share).hasSize(secret.length);
    }
    assertThat(AdditiveSecretSharing.reconstruct(shares)).isEqualTo(secret);
  }

  @Property
  void splitCompressed_anySecretAndParties_reconstructs(
      @ForAll("secrets") long[] secret, @ForAll @IntRange(min = 2, max = 20) int parties) {
    CompressedShares shares = AdditiveSecretSharing.splitCompressed(secret, parties);
    assertThat(shares.parties()).isEqualTo(parties);
    assertThat(shares.seeds()).hasSize(parties - 1);
    assertThat(AdditiveSecretSharing.reconstruct(shares)).isEqualTo(secret);
    CompressedShares received = new CompressedShares(shares.seeds(), shares.finalShare());
    assertThat(AdditiveSecretSharing.reconstruct(received)).isEqualTo(secret);
  }

  /** Shares of a and of b, added element-wise, are shares of a + b. */
  @Property
  void split_sumOfShares_sharesTheSum(
      @ForAll("secrets") long[] a, @ForAll @IntRange(min = 2, max = 20) int parties) {
    long[] b = new long[a.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = Long.rotateLeft(a[i], 17) ^ i;
    }
    long[][] sharesOfA = AdditiveSecretSharing.split(a, parties);
    long[][] sharesOfB = AdditiveSecretSharing.split(b, parties);
    long[][] summed = new long[parties][a.length];
    long[] expected = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      expected[i] = a[i] + b[i];
      for (int p = 0; p < parties; p++) {
        summed[p][i] = sharesOfA[p][i] + sharesOfB[p][i];
      }
    }
    assertThat(AdditiveSecretSharing.reconstruct(summed)).isEqualTo(expected);
  }

  /**
   * The first n - 1 shares are a function of the seeds alone: sharing two different secrets with the
   * same seeds gives the same seeds and expansions, and only the final share moves, by the difference
   * of the secrets. So those n - 1 shares carry no information about the secret.
   */
  @Property
  void splitCompressedWithSeeds_firstNMinusOneShares_doNotDependOnTheSecret(
      @ForAll("secrets") long[] secret, @ForAll("seedLists") byte[][] seeds, @ForAll long shift) {
    long[] other = secret.clone();
    for (int i = 0; i < other.length; i++) {
      other[i] += shift + i;
    }
    CompressedShares ofSecret = AdditiveSecretSharing.splitCompressedWithSeeds(secret, seeds);
    CompressedShares ofOther = AdditiveSecretSharing.splitCompressedWithSeeds(other, seeds);
    List<byte[]> seedsOfSecret = ofSecret.seeds();
    List<byte[]> seedsOfOther = ofOther.seeds();
    for (int s = 0; s < seeds.length; s++) {
      assertThat(seedsOfSecret.get(s)).isEqualTo(seeds[s]).isEqualTo(seedsOfOther.get(s));
    }
    long[] finalOfSecret = ofSecret.finalShare();
    long[] finalOfOther = ofOther.finalShare();
    for (int i = 0; i < secret.length; i++) {
      assertThat(finalOfOther[i] - finalOfSecret[i]).isEqualTo(other[i] - secret[i]);
    }
    assertThat(AdditiveSecretSharing.reconstruct(ofOther)).isEqualTo(other);
  }
}
