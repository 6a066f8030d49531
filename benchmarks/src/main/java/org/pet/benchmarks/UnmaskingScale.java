package org.pet.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.pet.secagg.CollusionPolicy;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages.AdvertiseKeys;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;
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
    SplittableRandom random = new SplittableRandom(1);
    Map<String, SecAggClient> clients = new LinkedHashMap<>();
    long[] expected = new long[length];
    int survivors = n - n * dropoutPercent / 100;
    for (int i = 0; i < n; i++) {
      long[] input = random.longs(length).toArray();
      clients.put(ids.get(i), new SecAggClient(parameters, ids.get(i), input, null,
          CollusionPolicy.defaultPolicy(), pool));
      if (i < survivors) {
        for (int j = 0; j < length; j++) {
          expected[j] += input[j];
        }
      }
    }
    // The transcript: every message the server receives, in order, and the closings between them.
    SecAggServer recorder = new SecAggServer(parameters);
    List<AdvertiseKeys> advertise = new ArrayList<>();
    clients.values().forEach(c -> advertise.add(c.advertiseKeys()));
    advertise.forEach(recorder::receive);
    KeyDirectory directory = recorder.closeAdvertiseKeys();
    List<ShareKeys> shares = new ArrayList<>();
    clients.values().forEach(c -> shares.add(c.shareKeys(directory)));
    shares.forEach(recorder::receive);
    Map<String, ShareDelivery> deliveries = recorder.closeShareKeys();
    List<SecAggClient> alive = List.copyOf(clients.values()).subList(0, survivors);
    List<MaskedInput> masked = new ArrayList<>();
    alive.forEach(c -> masked.add(c.maskedInput(deliveries.get(c.id()))));
    masked.forEach(recorder::receive);
    recorder.closeMaskedInput();
    UnmaskingRequest request = recorder.closeConsistencyCheck();
    List<Unmasking> unmaskings = new ArrayList<>();
    alive.forEach(c -> unmaskings.add(c.unmask(request)));
    System.out.printf("prepared n = %d, length = %d, %d%% dropouts in %.1f s%n", n, length, dropoutPercent,
        (System.nanoTime() - prepareStart) / 1e9);

    double[] totals = new double[2];
    for (int r = 0; r < repeats; r++) {
      for (int variant = 0; variant < 2; variant++) {
        SecAggServer server = new SecAggServer(parameters, variant == 0 ? null : pool);
        advertise.forEach(server::receive);
        server.closeAdvertiseKeys();
        shares.forEach(server::receive);
        server.closeShareKeys();
        masked.forEach(server::receive);
        server.closeMaskedInput();
        server.closeConsistencyCheck();
        unmaskings.forEach(server::receive);
        System.gc();
        long start = System.nanoTime();
        SecAggResult result = server.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!Arrays.equals(result.sum(), expected)) {
          throw new AssertionError("wrong sum");
        }
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
