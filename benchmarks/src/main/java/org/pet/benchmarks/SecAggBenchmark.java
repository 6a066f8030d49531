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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pet.secagg.Prg;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.SecAggResult;
import org.pet.secagg.SecAggServer;

/**
 * The two expensive steps of a secure aggregation round with n = 100 participants and vectors of 100,000
 * longs: one participant computing its masked input (n PRG expansions of the vector), and the server's
 * unmasking (removing every survivor's self mask and, with dropouts after round 1, the pairwise masks
 * shared with each dropped participant). For the server, {@code dropoutPercent} of the participants drop out after
 * sharing their keys, the costly case for the server. Each measurement is one call (single-shot, after
 * warm-up), on a fresh round prepared up to that step. The baseline for both is
 * {@link #prgBaseline}: the same number of PRG expansions alone, so the ratio shows the protocol's
 * overhead beyond raw mask expansion.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class SecAggBenchmark {

  private static final int PARTICIPANTS = 100;
  private static final int THRESHOLD = 67;
  private static final int LENGTH = 100_000;

  private static final List<String> IDS =
      IntStream.rangeClosed(1, PARTICIPANTS).mapToObj(i -> "agency-" + i).toList();
  private static int rounds;

  /** A fresh round, run through rounds 0 and 1 by every participant. */
  private static final class PreparedRound {
    final SecAggServer server;
    final Map<String, SecAggClient> clients = new LinkedHashMap<>();
    final Map<String, ShareDelivery> deliveries;

    PreparedRound() {
      SecAggParameters parameters = SecAggParameters.builder().roundId("bench-" + rounds++).participants(IDS)
          .threshold(THRESHOLD).vectorLength(LENGTH).build();
      SplittableRandom random = new SplittableRandom(rounds);
      for (String id : IDS) {
        clients.put(id, new SecAggClient(parameters, id, random.longs(LENGTH).toArray(), null));
      }
      server = new SecAggServer(parameters);
      clients.values().forEach(c -> server.receive(c.advertiseKeys()));
      KeyDirectory directory = server.closeAdvertiseKeys();
      clients.values().forEach(c -> server.receive(c.shareKeys(directory)));
      deliveries = server.closeShareKeys();
    }
  }

  /** A participant about to compute its masked input (its cost does not depend on later dropouts). */
  @State(Scope.Benchmark)
  public static class ParticipantAboutToMask {
    SecAggClient client;
    ShareDelivery delivery;

    @Setup(Level.Iteration)
    public void prepare() {
      PreparedRound round = new PreparedRound();
      client = round.clients.get(IDS.get(0));
      delivery = round.deliveries.get(client.id());
    }
  }

  /** A server that has received every survivor's unmasking answer. */
  @State(Scope.Benchmark)
  public static class ServerAboutToUnmask {
    /** Participants that drop out after sharing their keys, the costly case for the server. */
    @Param({"0", "10"})
    public int dropoutPercent;

    SecAggServer server;

    @Setup(Level.Iteration)
    public void prepare() {
      PreparedRound round = new PreparedRound();
      int survivors = PARTICIPANTS - PARTICIPANTS * dropoutPercent / 100;
      List<SecAggClient> alive = List.copyOf(round.clients.values()).subList(0, survivors);
      alive.forEach(c -> round.server.receive(c.maskedInput(round.deliveries.get(c.id()))));
      round.server.closeMaskedInput();
      UnmaskingRequest request = round.server.closeConsistencyCheck();
      alive.forEach(c -> round.server.receive(c.unmask(request)));
      server = round.server;
    }
  }

  /** One participant's round 2: n - 1 pairwise masks and its self mask over 100,000 longs. */
  @Benchmark
  public long[] clientMaskedInput(ParticipantAboutToMask state) {
    return state.client.maskedInput(state.delivery).maskedVector();
  }

  /** The server's round 4: reconstruct seeds and keys, remove all masks, sum. */
  @Benchmark
  public SecAggResult serverUnmasking(ServerAboutToUnmask state) {
    return state.server.finish();
  }

  /** n expansions of a 100,000-long vector: the floor for a participant's masked input. */
  @Benchmark
  public long[] prgBaseline() {
    byte[] seed = new byte[Prg.SEED_BYTES];
    long[] vector = new long[LENGTH];
    for (int i = 0; i < PARTICIPANTS; i++) {
      seed[0] = (byte) i;
      Prg.fromSeed(seed).addTo(vector);
    }
    return vector;
  }
}
