package org.pet.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  @Test
  void secureNoiseSource_isOneSharedInstance() {
    assertThat(Randomness.secureNoiseSource()).isSameAs(Randomness.secureNoiseSource());
  }

  /** One Hash_DRBG per thread: threads never share (and so never wait on) a generator for key material. */
  @Test
  void secureRandom_isAPerThreadDrbg() throws Exception {
    java.security.SecureRandom mine = Randomness.secureRandom();
    assertThat(mine).isSameAs(Randomness.secureRandom());
    assertThat(mine.getAlgorithm()).isEqualTo("DRBG");
    assertThat(mine.toString()).contains("Hash_DRBG").contains("SHA-256").contains("256");
    java.security.SecureRandom[] other = new java.security.SecureRandom[1];
    Thread thread = new Thread(() -> other[0] = Randomness.secureRandom());
    thread.start();
    thread.join();
    assertThat(other[0]).isNotNull().isNotSameAs(mine);
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    mine.nextBytes(a);
    other[0].nextBytes(b);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void aesCtrRandom_bitsAreBalancedAcrossManyRefills() {
    AesCtrRandom random = new AesCtrRandom();
    int words = 1 << 16; // 512 KiB: 64 refills of the keystream buffer
    long ones = 0;
    for (int i = 0; i < words; i++) {
      ones += Long.bitCount(random.nextLong());
    }
    double bits = 64.0 * words;
    // Binomial(bits, 1/2): standard deviation sqrt(bits) / 2 = 1024; 6 of them never fail by chance.
    assertThat((double) ones).isCloseTo(bits / 2, within(6 * Math.sqrt(bits) / 2));
  }

  @Test
  void aesCtrRandom_independentInstancesDiffer() {
    Set<Long> firstWords = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      firstWords.add(new AesCtrRandom().nextLong());
    }
    assertThat(firstWords).hasSize(100);
  }

  @Test
  void aesCtrRandom_boundedDrawsAreUniform() {
    RandomGenerator random = new AesCtrRandom();
    int[] counts = new int[10];
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      counts[random.nextInt(10)]++;
    }
    for (int count : counts) {
      // Binomial(n, 0.1): sd = 134; 6 sd per cell.
      assertThat((double) count).isCloseTo(n / 10.0, within(6 * Math.sqrt(n * 0.09)));
    }
  }

  @Test
  void threadBound_secureSourceBindsToTheCallingThreadsStream() throws InterruptedException {
    RandomGenerator bound = Randomness.threadBound(Randomness.secureNoiseSource());
    assertThat(bound).isNotSameAs(Randomness.secureNoiseSource())
        .isSameAs(Randomness.threadBound(Randomness.secureNoiseSource()));
    RandomGenerator[] other = new RandomGenerator[1];
    Thread thread = new Thread(() -> other[0] = Randomness.threadBound(Randomness.secureNoiseSource()));
    thread.start();
    thread.join();
    assertThat(other[0]).isNotNull().isNotSameAs(bound);
  }

  @Test
  void threadBound_otherGeneratorsAreReturnedAsTheyAre() {
    RandomGenerator seeded = new java.util.SplittableRandom(1);
    assertThat(Randomness.threadBound(seeded)).isSameAs(seeded);
  }

  @Test
  void secureNoiseSource_threadsGetIndependentStreams() throws InterruptedException {
    long[] fromThreads = new long[2];
    Thread a = new Thread(() -> fromThreads[0] = Randomness.secureNoiseSource().nextLong());
    Thread b = new Thread(() -> fromThreads[1] = Randomness.secureNoiseSource().nextLong());
    a.start();
    b.start();
    a.join();
    b.join();
    assertThat(fromThreads[0]).isNotEqualTo(fromThreads[1]);
  }
}
