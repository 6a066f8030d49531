package org.pet.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pet.examples.EmbeddedServer;
import org.pet.examples.client.AgencyPool;
import org.pet.secagg.IdentityKeyPair;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.SecAggServer;

/**
 * A whole secure aggregation round, 50 agencies with vectors of 10,000 longs and threshold 34, over HTTP on
 * loopback against an embedded pet server (H2; every message signed, stored and polled for, each agency on
 * its own thread) versus the same authenticated protocol in-process (the same pet-core state machines, the
 * clients of each phase run in parallel on the same cores). The ratio is the cost of the HTTP binding:
 * JSON and base64 encoding, request signatures, persistence of every message, and phase polling.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class HttpRoundBenchmark {

  static final int AGENCIES = 50;
  static final int LENGTH = 10_000;
  static final int THRESHOLD = AGENCIES * 2 / 3 + 1;
  private static int rounds;

  static List<String> names() {
    return IntStream.rangeClosed(1, AGENCIES).mapToObj(i -> "agency-" + i).toList();
  }

  static Map<String, long[]> inputs() {
    SplittableRandom random = new SplittableRandom(7);
    Map<String, long[]> inputs = new LinkedHashMap<>();
    names().forEach(name -> inputs.put(name, random.longs(LENGTH).toArray()));
    return inputs;
  }

  /** An embedded server with the 50 agencies registered once. */
  @State(Scope.Benchmark)
  public static class Http {
    EmbeddedServer server;
    AgencyPool agencies;
    Map<String, long[]> inputs;

    @Setup(Level.Trial)
    public void start() {
      server = EmbeddedServer.start();
      agencies = AgencyPool.register(server.admin(), names());
      inputs = inputs();
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.close();
    }
  }

  /** The agencies' identities, for the in-process rounds. */
  @State(Scope.Benchmark)
  public static class InProcess {
    final Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();
    Map<String, long[]> inputs;

    @Setup(Level.Trial)
    public void start() {
      names().forEach(name -> identities.put(name, IdentityKeyPair.generate()));
      inputs = inputs();
    }
  }

  /** Create a round, run all 50 agencies over HTTP until the result is public. */
  @Benchmark
  public long[] httpRound(Http state) {
    String round = state.agencies.createRound(THRESHOLD, LENGTH, null);
    return state.agencies.run(round, state.inputs, 0).sum();
  }

  /** The same protocol, parties calling each other's methods directly. */
  @Benchmark
  public long[] inProcessRound(InProcess state) {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("in-process-" + rounds++)
        .participants(names()).threshold(THRESHOLD).vectorLength(LENGTH);
    state.identities.forEach((name, key) -> builder.identityKey(name, key.publicKey()));
    SecAggParameters parameters = builder.build();
    SecAggServer server = new SecAggServer(parameters);
    List<SecAggClient> clients = names().stream()
        .map(name -> new SecAggClient(parameters, name, state.inputs.get(name), state.identities.get(name))).toList();
    clients.parallelStream().map(SecAggClient::advertiseKeys).toList().forEach(server::receive);
    SecAggMessages.KeyDirectory directory = server.closeAdvertiseKeys();
    clients.parallelStream().map(c -> c.shareKeys(directory)).toList().forEach(server::receive);
    Map<String, SecAggMessages.ShareDelivery> deliveries = server.closeShareKeys();
    clients.parallelStream().map(c -> c.maskedInput(deliveries.get(c.id()))).toList().forEach(server::receive);
    SecAggMessages.SurvivorSet survivors = server.closeMaskedInput();
    clients.parallelStream().map(c -> c.consistencyCheck(survivors)).toList().forEach(server::receive);
    SecAggMessages.UnmaskingRequest request = server.closeConsistencyCheck();
    clients.parallelStream().map(c -> c.unmask(request)).toList().forEach(server::receive);
    return server.finish().sum();
  }
}
