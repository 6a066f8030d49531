package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Determinism and algebra of the PRG stream over generated seeds, lengths and vectors. */
class PrgProperties {

  /** Up to three chunks of the stream. */
  private static final int MAX_LENGTH = 3 * Prg.CHUNK_BLOCKS * 2;

  @Provide
  Arbitrary<byte[]> seeds() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Prg.SEED_BYTES);
  }

  @Provide
  Arbitrary<long[]> vectors() {
    return Arbitraries.longs().array(long[].class).ofMaxSize(MAX_LENGTH);
  }

  @Property(tries = 200)
  void expand_sameSeedAndLength_sameWords(
      @ForAll("seeds") byte[] seed, @ForAll @IntRange(max = MAX_LENGTH) int length) {
    Prg prg = Prg.fromSeed(seed);
    long[] first = prg.expand(length);
    assertThat(prg.expand(length)).isEqualTo(first);
    assertThat(Prg.fromSeed(seed.clone()).expand(length)).isEqualTo(first);
  }

  @Property(tries = 200)
  void expand_shorterExpansion_isPrefixOfLonger(
      @ForAll("seeds") byte[] seed,
      @ForAll @IntRange(max = MAX_LENGTH) int a,
      @ForAll @IntRange(max = MAX_LENGTH) int b) {
    int shorter = Math.min(a, b);
    int longer = Math.max(a, b);
    Prg prg = Prg.fromSeed(seed);
    long[] longWords = prg.expand(longer);
    assertThat(prg.expand(shorter)).isEqualTo(Arrays.copyOf(longWords, shorter));
  }

  @Property(tries = 200)
  void addToAndSubtractFromASlice_changeExactlyThatSliceAsTheWholeStreamWould(@ForAll("seeds") byte[] seed,
      @ForAll("vectors") long[] vector, @ForAll @IntRange(max = MAX_LENGTH) int a,
      @ForAll @IntRange(max = MAX_LENGTH) int b) {
    int from = Math.min(Math.min(a, b), vector.length);
    int to = Math.min(Math.max(a, b), vector.length);
    long[] whole = vector.clone();
    Prg.fromSeed(seed).addTo(whole);
    long[] slice = vector.clone();
    Prg.fromSeed(seed).addTo(slice, from, to);
    for (int i = 0; i < vector.length; i++) {
      assertThat(slice[i]).isEqualTo(i >= from && i < to ? whole[i] : vector[i]);
    }
    Prg.fromSeed(seed).subtractFrom(slice, from, to);
    assertThat(slice).isEqualTo(vector);
  }

  @Property(tries = 200)
  void addTo_zeroArray_equalsExpand(
      @ForAll("seeds") byte[] seed, @ForAll @IntRange(max = MAX_LENGTH) int length) {
    long[] target = new long[length];
    Prg.fromSeed(seed).addTo(target);
    assertThat(target).isEqualTo(Prg.fromSeed(seed).expand(length));
  }

  @Property(tries = 200)
  void addTo_anyVector_addsTheExpansionWrapping(@ForAll("seeds") byte[] seed, @ForAll("vectors") long[] vector) {
    long[] target = vector.clone();
    Prg.fromSeed(seed).addTo(target);
    long[] stream = Prg.fromSeed(seed).expand(vector.length);
    for (int i = 0; i < vector.length; i++) {
      assertThat(target[i]).isEqualTo(vector[i] + stream[i]);
    }
  }

  @Property(tries = 200)
  void subtractFrom_afterAddTo_restoresTheVector(@ForAll("seeds") byte[] seed, @ForAll("vectors") long[] vector) {
    long[] target = vector.clone();
    Prg prg = Prg.fromSeed(seed);
    prg.addTo(target);
    prg.subtractFrom(target);
    assertThat(target).isEqualTo(vector);
  }

  @Property(tries = 200)
  void subtractFrom_zeroArray_equalsNegatedExpand(
      @ForAll("seeds") byte[] seed, @ForAll @IntRange(max = MAX_LENGTH) int length) {
    long[] target = new long[length];
    Prg.fromSeed(seed).subtractFrom(target);
    long[] negated = Arrays.stream(Prg.fromSeed(seed).expand(length)).map(w -> -w).toArray();
    assertThat(target).isEqualTo(negated);
  }
}
