package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One mechanism with the shared secure source, used from several threads at once. */
class ConcurrentNoiseTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 50_000;

  @Test
  void sharedLaplaceNoise_manyThreads_sameDistributionAsOneThread() throws Exception {
    LaplaceNoise shared = new LaplaceNoise();
    double g = shared.granularity(1, 1.0, 1.0, null);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          double[] out = new double[PER_THREAD];
          for (int i = 0; i < PER_THREAD; i++) {
            out[i] = shared.addNoise(2.5, 1, 1.0, 1.0, null);
          }
          return out;
        }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<double[]> future : futures) {
        for (double value : future.get()) {
          assertThat(value / g).isEqualTo(Math.rint(value / g));
          all.add(value - 2.5);
        }
      }
      int[] next = {0};
      Samples samples = Samples.of(all.size(), () -> all.get(next[0]++));
      // The single-threaded model: Laplace with b = 1, variance 2; 4.5 standard errors, kurtosis 6.
      samples.assertCentredWithVariance(2, 6);
      assertThat(all.stream().distinct().count()).isGreaterThan(all.size() - 10L);
    } finally {
      pool.shutdownNow();
    }
  }
}
