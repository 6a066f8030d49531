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
      List<List<Double>> prefixes = new ArrayList<>();
      for (Future<double[]> future : futures) {
        double[] values = future.get();
        List<Double> prefix = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
          assertThat(values[i] / g).isEqualTo(Math.rint(values[i] / g));
          all.add(values[i] - 2.5);
          if (i < 100) {
            prefix.add(values[i]);
          }
        }
        prefixes.add(prefix);
      }
      int[] next = {0};
      Samples samples = Samples.of(all.size(), () -> all.get(next[0]++));
      // The single-threaded model: Laplace with b = 1, variance 2; 4.5 standard errors, kurtosis 6.
      samples.assertCentredWithVariance(2, 6);
      // Each thread has its own keystream: no two threads drew the same sequence.
      assertThat(new java.util.HashSet<>(prefixes)).hasSize(THREADS);
    } finally {
      pool.shutdownNow();
    }
  }
}
