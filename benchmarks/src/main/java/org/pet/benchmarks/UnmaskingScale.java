package org.pet.benchmarks;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.SecAggResult;
import org.pet.secagg.SecAggServer;

/**
 * Not JMH: the server's unmasking of one large round, single-threaded and on a pool of W workers, measured
 * alternately on the same messages (issue #17's "executor on 2 cores >= 1.6x"). Preparing a round of 500
 * agencies with 100,000-long vectors takes minutes (every agency masks), so one round is prepared and the
 * same transcript is fed to fresh servers: servers A (calling thread) and B (the pool) alternate, REPEATS
 * times each, and every result is checked against the survivors' exact sum.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.pet.benchmarks.UnmaskingScale N LENGTH DROPOUT% WORKERS REPEATS</pre>
 */
public final class UnmaskingScale {

  private UnmaskingScale() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int length = Integer.parseInt(args[1]);
    int dropoutPercent = Integer.parseInt(args[2]);
    int workers = Integer.parseInt(args[3]);
    int repeats = Integer.parseInt(args[4]);
    List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> "agency-" + i).toList();
    SecAggParameters parameters = SecAggParameters.builder().roundId("unmasking-scale").participants(ids)
        .threshold(n * 2 / 3 + 1).vectorLength(length).build();
    ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
      Thread thread = new Thread(runnable, "unmasking-worker");
      thread.setDaemon(true);
      return thread;
    });
    long prepareStart = System.nanoTime();
    int survivors = n - n * dropoutPercent / 100;
    RoundTranscript transcript = RoundTranscript.record(parameters, survivors, pool, 1);
    System.out.printf("prepared n = %d, length = %d, %d%% dropouts in %.1f s%n", n, length, dropoutPercent,
        (System.nanoTime() - prepareStart) / 1e9);

    double[] totals = new double[2];
    for (int r = 0; r < repeats; r++) {
      for (int variant = 0; variant < 2; variant++) {
        SecAggServer server = transcript.replay(variant == 0 ? null : pool);
        System.gc();
        long start = System.nanoTime();
        SecAggResult result = server.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        transcript.check(result);
        totals[variant] += seconds;
        System.out.printf("repeat %d %s: %.2f s%n", r, variant == 0 ? "calling thread" : workers + " workers",
            seconds);
      }
    }
    System.out.printf("mean: calling thread %.2f s, %d workers %.2f s, speed-up %.2fx%n", totals[0] / repeats,
        workers, totals[1] / repeats, totals[0] / totals[1]);
    pool.shutdownNow();
  }
}
