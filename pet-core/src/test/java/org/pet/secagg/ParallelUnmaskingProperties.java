package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;

/**
 * Masking and unmasking spread over an executor give exactly what the calling thread alone gives: the same
 * messages fed to a server with a worker pool and to one without produce equal results, equal to the
 * survivors' exact sum, with some clients masking on the pool too - for complete-graph and SecAgg+ rounds.
 */
class ParallelUnmaskingProperties {

  private static final ExecutorService POOL = WorkerPool.of(3, "secagg-test-worker");

  @AfterContainer
  static void stopPool() {
    POOL.shutdownNow();
  }

  @Property(tries = 25)
  void parallelServerAndClients_equalTheSingleThreadedResult(@ForAll long seed,
      @ForAll @IntRange(min = 3, max = 12) int n, @ForAll @IntRange(min = 1, max = 20_000) int length,
      @ForAll @IntRange(min = 0, max = 5) int wantedDropouts, @ForAll boolean secAggPlus) {
    Random random = new Random(seed);
    // SecAgg+ (k < n - 1, from n = 5): a threshold and dropouts that leave every neighbourhood t survivors.
    int k = secAggPlus && n >= 5 ? 2 + 2 * random.nextInt((n - 3) / 2) : n - 1;
    int t = k == n - 1 ? n / 2 + 1 : 2 + random.nextInt(k);
    List<String> ids = IntStream.range(0, n).mapToObj(i -> "agency" + i).toList();
    SecAggParameters parameters = SecAggParameters.builder().roundId("parallel-" + seed).participants(ids)
        .threshold(t).toleratedColluders(0).vectorLength(length).neighbours(k).build();
    List<SecAggClient> clients = new ArrayList<>();
    long[] expected = new long[length];
    int dropouts = Math.min(wantedDropouts, Math.min(n - t, k + 1 - t));
    for (int i = 0; i < n; i++) {
      long[] input = random.longs(length).toArray();
      clients.add(new SecAggClient(parameters, ids.get(i), input, null, CollusionPolicy.tolerating(0),
          random.nextBoolean() ? POOL : null));
      if (i >= dropouts) {
        for (int j = 0; j < length; j++) {
          expected[j] += input[j];
        }
      }
    }
    SecAggServer sequential = new SecAggServer(parameters);
    SecAggServer parallel = new SecAggServer(parameters, POOL);
    List<SecAggServer> servers = List.of(sequential, parallel);

    clients.forEach(c -> {
      var message = c.advertiseKeys();
      servers.forEach(s -> s.receive(message));
    });
    KeyDirectory directory = sequential.closeAdvertiseKeys();
    parallel.closeAdvertiseKeys();
    clients.forEach(c -> {
      var message = c.shareKeys(directory);
      servers.forEach(s -> s.receive(message));
    });
    Map<String, ShareDelivery> deliveries = sequential.closeShareKeys();
    parallel.closeShareKeys();
    // The first `dropouts` agencies leave before sending their masked input.
    List<SecAggClient> survivors = clients.subList(dropouts, n);
    survivors.forEach(c -> {
      var message = c.maskedInput(deliveries.get(c.id()));
      servers.forEach(s -> s.receive(message));
    });
    sequential.closeMaskedInput();
    parallel.closeMaskedInput();
    UnmaskingRequest request = sequential.closeConsistencyCheck();
    parallel.closeConsistencyCheck();
    survivors.forEach(c -> {
      var message = c.unmask(request);
      servers.forEach(s -> s.receive(message));
    });

    SecAggResult alone = sequential.finish();
    SecAggResult pooled = parallel.finish();
    assertThat(pooled).isEqualTo(alone);
    assertThat(alone.sum()).isEqualTo(expected);
  }
}
