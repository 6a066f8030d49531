package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mask expansion on an executor equals the calling thread's, on both of its paths: split by masks (vectors
 * up to 2^18 words) and split by slices of the vector (longer ones, slices starting mid-block).
 */
class MaskExpansionProperties {

  private static final ExecutorService POOL = WorkerPool.of(3, "mask-expansion-test");

  @AfterContainer
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Property(tries = 30)
  void pooled_equalsCallingThread(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400_000) int length,
      @ForAll @IntRange(min = 1, max = 6) int masks) {
    Random random = new Random(seed);
    List<MaskExpansion.Term> terms = new ArrayList<>();
    for (int i = 0; i < masks; i++) {
      byte[] key = new byte[Prg.SEED_BYTES];
      random.nextBytes(key);
      terms.add(new MaskExpansion.Term(key, random.nextBoolean()));
    }
    long[] start = random.longs(length).toArray();
    long[] alone = start.clone();
    new MaskExpansion(null).apply(alone, terms);
    long[] pooled = start.clone();
    new MaskExpansion(POOL).apply(pooled, terms);
    assertThat(pooled).isEqualTo(alone);

    List<Integer> items = random.ints(masks * 7L).boxed().toList();
    assertThat(new MaskExpansion(POOL).map(items, x -> x * 31)).isEqualTo(items.stream().map(x -> x * 31).toList());
  }
}
