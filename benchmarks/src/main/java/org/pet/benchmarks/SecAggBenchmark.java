package org.pet.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pet.secagg.CollusionPolicy;
import org.pet.secagg.Prg;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.SecAggPlus;
import org.pet.secagg.SecAggResult;
import org.pet.secagg.SecAggServer;

/**
 * The two expensive steps of a secure aggregation round, for n in {50, 100, 200} participants with
 * vectors of 10,000 longs and threshold t = floor(2n/3) + 1: one participant computing its masked input
 * (n PRG expansions of the vector), and the server's unmasking (removing every survivor's self mask and,
 * with dropouts after round 1, the pairwise masks shared with each dropped participant). For the server,
 * {@code dropoutPercent} of the participants (0, 10 or 30%) drop out after sharing their keys, the costly
 * case for the server.
 *
 * <p>Each protocol measurement is one call (single-shot, two warm-up and three measured iterations), on a
 * fresh round prepared up to that step outside the timing and followed by a garbage collection, so that
 * the previous round's garbage is not collected inside the timing; preparing a 200-party round costs
 * every participant n expansions, hence the short vectors. The baselines are PRG expansions alone,
 * measured in the same run (as average time over one-second iterations, since a single cold call would
 * time the compiler), so the ratios show the protocol's overhead beyond raw mask expansion (key
 * agreement, secret-share reconstruction, envelopes): {@link #clientPrgBaseline} does a participant's n
 * expansions, {@link #serverPrgBaseline} the server's s + d * s for s survivors and d dropped
 * participants.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class SecAggBenchmark {

  private static final int LENGTH = 10_000;
  private static int rounds;

  /** The number of participants n; shared by every benchmark here. */
  @State(Scope.Benchmark)
  public static class RoundSize {
    @Param({"50", "100", "200"})
    public int participants;

    List<String> ids() {
      return IntStream.rangeClosed(1, participants).mapToObj(i -> "agency-" + i).toList();
    }

    /** floor(2n/3) + 1: more than half, and at most the 70% that survive 30% dropouts. */
    int threshold() {
      return participants * 2 / 3 + 1;
    }
  }

  /** A round size with the share of participants that drop out after sharing their keys. */
  public static class RoundWithDropouts extends RoundSize {
    @Param({"0", "10", "30"})
    public int dropoutPercent;

    int survivors() {
      return participants - participants * dropoutPercent / 100;
    }
  }

  /** A fresh round, run through rounds 0 and 1 by every participant. */
  private static final class PreparedRound {
    final SecAggServer server;
    final Map<String, SecAggClient> clients = new LinkedHashMap<>();
    final Map<String, ShareDelivery> deliveries;

    PreparedRound(RoundSize size, Executor unmaskingWorkers) {
      List<String> ids = size.ids();
      SecAggParameters parameters = SecAggParameters.builder().roundId("bench-" + rounds++).participants(ids)
          .threshold(size.threshold()).vectorLength(LENGTH).build();
      SplittableRandom random = new SplittableRandom(rounds);
      for (String id : ids) {
        clients.put(id, new SecAggClient(parameters, id, random.longs(LENGTH).toArray(), null));
      }
      server = new SecAggServer(parameters, unmaskingWorkers);
      clients.values().forEach(c -> server.receive(c.advertiseKeys()));
      KeyDirectory directory = server.closeAdvertiseKeys();
      clients.values().forEach(c -> server.receive(c.shareKeys(directory)));
      deliveries = server.closeShareKeys();
    }
  }

  /** A participant about to compute its masked input (its cost does not depend on later dropouts). */
  public static class ParticipantAboutToMask extends RoundSize {
    SecAggClient client;
    ShareDelivery delivery;

    @Setup(Level.Iteration)
    public void prepare() {
      PreparedRound round = new PreparedRound(this, null);
      client = round.clients.values().iterator().next();
      delivery = round.deliveries.get(client.id());
      System.gc();
    }
  }

  /** A server that has received every survivor's unmasking answer; it unmasks on the calling thread. */
  public static class ServerAboutToUnmask extends RoundWithDropouts {
    SecAggServer server;

    Executor unmaskingWorkers() {
      return null;
    }

    @Setup(Level.Iteration)
    public void prepare() {
      PreparedRound round = new PreparedRound(this, unmaskingWorkers());
      List<SecAggClient> alive = List.copyOf(round.clients.values()).subList(0, survivors());
      alive.forEach(c -> round.server.receive(c.maskedInput(round.deliveries.get(c.id()))));
      round.server.closeMaskedInput();
      UnmaskingRequest request = round.server.closeConsistencyCheck();
      alive.forEach(c -> round.server.receive(c.unmask(request)));
      server = round.server;
      System.gc();
    }
  }

  /** The same server, unmasking on a pool of two worker threads (the calling thread waits). */
  public static class ServerAboutToUnmaskOnTwoWorkers extends ServerAboutToUnmask {
    static final Executor TWO_WORKERS = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "unmasking-worker");
      thread.setDaemon(true);
      return thread;
    });

    @Override
    Executor unmaskingWorkers() {
      return TWO_WORKERS;
    }
  }

  /**
   * Issue #17's large round: n = 500 agencies, vectors of 100,000 longs, 10% dropping out after sharing keys,
   * c = floor(n / 3) or floor(n / 10) tolerated colluders. {@code complete}: every pair masks, t = floor(2n/3)
   * + 1 (c = 166); {@code plus-c33} and {@code plus-c10}: SecAgg+ with {@link SecAggPlus#recommend} for 10%
   * dropouts and that c (k = 96, t = 66 and k = 46, t = 25).
   */
  @State(Scope.Benchmark)
  public static class LargeRound {
    static final int AGENCIES = 500;
    static final int LENGTH = 100_000;
    static final int SURVIVORS = AGENCIES - AGENCIES / 10;

    @Param({"complete", "plus-c33", "plus-c10"})
    public String graph;

    SecAggParameters parameters() {
      List<String> ids = IntStream.rangeClosed(1, AGENCIES).mapToObj(i -> "agency-" + i).toList();
      SecAggParameters.Builder builder = SecAggParameters.builder().roundId("large-" + graph + "-" + rounds++)
          .participants(ids).vectorLength(LENGTH);
      if (graph.equals("complete")) {
        return builder.threshold(AGENCIES * 2 / 3 + 1).toleratedColluders(AGENCIES / 3).build();
      }
      int colluders = graph.equals("plus-c33") ? AGENCIES / 3 : AGENCIES / 10;
      SecAggPlus.Recommendation plus = SecAggPlus.recommend(AGENCIES, 0.1, (double) colluders / AGENCIES);
      return builder.threshold(plus.threshold()).neighbours(plus.neighbours()).toleratedColluders(colluders).build();
    }
  }

  /** The large round recorded once (clients masking on two workers); each iteration replays it to a fresh server. */
  public static class LargeRoundAboutToUnmask extends LargeRound {
    RoundTranscript transcript;
    SecAggServer server;

    @Setup(Level.Trial)
    public void record() {
      transcript = RoundTranscript.record(parameters(), SURVIVORS, ServerAboutToUnmaskOnTwoWorkers.TWO_WORKERS, 17);
    }

    @Setup(Level.Iteration)
    public void replay() {
      server = transcript.replay(null);
      System.gc();
    }
  }

  /** Every agency of a large round through rounds 0 and 1; each iteration masks with the next one. */
  public static class LargeRoundAboutToMask extends LargeRound {
    private final List<SecAggClient> clients = new ArrayList<>();
    private Map<String, ShareDelivery> deliveries;
    private int next;
    SecAggClient client;
    ShareDelivery delivery;

    @Setup(Level.Trial)
    public void share() {
      SecAggParameters parameters = parameters();
      SplittableRandom random = new SplittableRandom(23);
      CollusionPolicy policy = CollusionPolicy.tolerating(parameters.toleratedColluders());
      for (String id : parameters.participants()) {
        clients.add(new SecAggClient(parameters, id, random.longs(LENGTH).toArray(), null, policy));
      }
      SecAggServer server = new SecAggServer(parameters);
      clients.forEach(c -> server.receive(c.advertiseKeys()));
      KeyDirectory directory = server.closeAdvertiseKeys();
      clients.forEach(c -> server.receive(c.shareKeys(directory)));
      deliveries = server.closeShareKeys();
    }

    @Setup(Level.Iteration)
    public void nextAgency() {
      client = clients.get(next++);
      delivery = deliveries.get(client.id());
      System.gc();
    }
  }

  /** The server's unmasking of the large round, on the calling thread. */
  @Benchmark
  public SecAggResult largeRoundServerUnmasking(LargeRoundAboutToUnmask state) {
    return state.transcript.check(state.server.finish());
  }

  /** One agency's masked input in the large round, on the calling thread. */
  @Benchmark
  public MaskedInput largeRoundClientMaskedInput(LargeRoundAboutToMask state) {
    return state.client.maskedInput(state.delivery);
  }

  /** One participant's round 2: n - 1 pairwise masks and its self mask over 10,000 longs. */
  @Benchmark
  public long[] clientMaskedInput(ParticipantAboutToMask state) {
    return state.client.maskedInput(state.delivery).maskedVector();
  }

  /** The server's round 4: reconstruct seeds and keys, remove all masks, sum. */
  @Benchmark
  public SecAggResult serverUnmasking(ServerAboutToUnmask state) {
    return state.server.finish();
  }

  /** {@link #serverUnmasking} with its key agreements and expansions spread over two workers. */
  @Benchmark
  public SecAggResult serverUnmaskingOnTwoWorkers(ServerAboutToUnmaskOnTwoWorkers state) {
    return state.server.finish();
  }

  /** n expansions of a 10,000-long vector: the floor for a participant's masked input. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 3, time = 1)
  public long[] clientPrgBaseline(RoundSize size) {
    return expansions(size.participants);
  }

  /** s + d * s expansions for s survivors and d dropped participants: the floor for the unmasking. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 3, time = 1)
  public long[] serverPrgBaseline(RoundWithDropouts size) {
    int survivors = size.survivors();
    return expansions(survivors + (size.participants - survivors) * survivors);
  }

  private static long[] expansions(int count) {
    byte[] seed = new byte[Prg.SEED_BYTES];
    long[] vector = new long[LENGTH];
    for (int i = 0; i < count; i++) {
      seed[0] = (byte) i;
      seed[1] = (byte) (i >>> 8);
      seed[2] = (byte) (i >>> 16);
      Prg.fromSeed(seed).addTo(vector);
    }
    return vector;
  }
}
