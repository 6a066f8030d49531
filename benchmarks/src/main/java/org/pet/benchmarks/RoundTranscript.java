package org.pet.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 * One unauthenticated round run once in-process, every message the server received recorded, so that its
 * unmasking can be timed on fresh servers fed the same transcript (preparing a large round takes minutes,
 * the unmasking seconds). The participants after the first {@code survivors} drop out after sharing their
 * keys - the costly case for the server. It also counts the bytes each direction would carry on the wire.
 */
public final class RoundTranscript {

  public final SecAggParameters parameters;
  private final List<AdvertiseKeys> advertise = new ArrayList<>();
  private final List<ShareKeys> shares = new ArrayList<>();
  private final List<MaskedInput> masked = new ArrayList<>();
  private final List<Unmasking> unmaskings = new ArrayList<>();
  private final long[] expected;
  /** Bytes sent by participants to the server and by the server to participants, over the whole round. */
  public final long uploadBytes;
  public final long downloadBytes;
  /** Wall time of one survivor's masked input (the first survivor, on the calling thread), in seconds. */
  public final double clientMaskingSeconds;

  private RoundTranscript(SecAggParameters parameters, int survivors, Executor clientWorkers, long seed) {
    this.parameters = parameters;
    List<String> ids = parameters.participants();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, SecAggClient> clients = new LinkedHashMap<>();
    expected = new long[parameters.vectorLength()];
    CollusionPolicy policy = CollusionPolicy.tolerating(parameters.toleratedColluders());
    for (int i = 0; i < ids.size(); i++) {
      long[] input = random.longs(parameters.vectorLength()).toArray();
      // The first survivor masks on the calling thread, to time one participant alone.
      clients.put(ids.get(i), new SecAggClient(parameters, ids.get(i), input, null, policy, i == 0 ? null : clientWorkers));
      if (i < survivors) {
        for (int j = 0; j < expected.length; j++) {
          expected[j] += input[j];
        }
      }
    }
    SecAggServer recorder = new SecAggServer(parameters);
    long up = 0;
    long down = 0;
    for (SecAggClient client : clients.values()) {
      advertise.add(client.advertiseKeys());
    }
    for (AdvertiseKeys message : advertise) {
      recorder.receive(message);
      up += message.toBytes().length;
    }
    KeyDirectory directory = recorder.closeAdvertiseKeys();
    down += (long) directory.toBytes().length * clients.size();
    // Sharing keys (Shamir splits and key agreements) is each agency's own work: done in parallel.
    List<CompletableFuture<ShareKeys>> sharing = new ArrayList<>();
    for (SecAggClient client : clients.values()) {
      sharing.add(clientWorkers == null ? CompletableFuture.completedFuture(client.shareKeys(directory))
          : CompletableFuture.supplyAsync(() -> client.shareKeys(directory), clientWorkers));
    }
    for (CompletableFuture<ShareKeys> future : sharing) {
      ShareKeys message = future.join();
      shares.add(message);
      recorder.receive(message);
      up += message.toBytes().length;
    }
    Map<String, ShareDelivery> deliveries = recorder.closeShareKeys();
    List<SecAggClient> alive = List.copyOf(clients.values()).subList(0, survivors);
    double firstMasking = 0;
    for (SecAggClient client : alive) {
      ShareDelivery delivery = deliveries.get(client.id());
      down += delivery.toBytes().length;
      long start = System.nanoTime();
      MaskedInput message = client.maskedInput(delivery);
      if (masked.isEmpty()) {
        firstMasking = (System.nanoTime() - start) / 1e9;
      }
      masked.add(message);
      recorder.receive(message);
      up += message.toBytes().length;
    }
    clientMaskingSeconds = firstMasking;
    recorder.closeMaskedInput();
    UnmaskingRequest request = recorder.closeConsistencyCheck();
    down += (long) request.toBytes().length * alive.size();
    for (SecAggClient client : alive) {
      Unmasking message = client.unmask(request);
      unmaskings.add(message);
      recorder.receive(message);
      up += message.toBytes().length;
    }
    uploadBytes = up;
    downloadBytes = down;
    check(recorder.finish());
  }

  /** Runs and records a round of {@code parameters} in which the participants after the first survivors drop out after sharing keys. */
  public static RoundTranscript record(SecAggParameters parameters, int survivors, Executor clientWorkers, long seed) {
    return new RoundTranscript(parameters, survivors, clientWorkers, seed);
  }

  /** A fresh server fed the whole transcript, ready for {@link SecAggServer#finish()}. */
  public SecAggServer replay(Executor unmaskingWorkers) {
    SecAggServer server = new SecAggServer(parameters, unmaskingWorkers);
    advertise.forEach(server::receive);
    server.closeAdvertiseKeys();
    shares.forEach(server::receive);
    server.closeShareKeys();
    masked.forEach(server::receive);
    server.closeMaskedInput();
    server.closeConsistencyCheck();
    unmaskings.forEach(server::receive);
    return server;
  }

  /** @throws AssertionError unless the result is the survivors' exact sum */
  public SecAggResult check(SecAggResult result) {
    if (!Arrays.equals(result.sum(), expected)) {
      throw new AssertionError("round " + parameters.roundId() + ": the sum is not the survivors' exact sum");
    }
    return result;
  }
}
