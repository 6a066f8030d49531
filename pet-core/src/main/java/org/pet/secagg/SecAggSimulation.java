package org.pet.secagg;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pet.secagg.SecAggMessages.ConsistencyCheck;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.SurvivorSet;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;

/**
 * Runs a whole round in-process - n {@link SecAggClient}s and one {@link SecAggServer} - with a chosen
 * dropout schedule, passing every message through its byte encoding. For tests, benchmarks and demos;
 * it measures bytes sent to the server and received from it, and time, per round. The simulated
 * participants adopt the round's declared {@link SecAggParameters#toleratedColluders()} as their
 * {@link CollusionPolicy}, so a round that meets the bound for its declared colluders runs.
 */
public final class SecAggSimulation {

  /** The round a participant drops out before (it sends nothing from then on). */
  public enum Stage { ADVERTISE_KEYS, SHARE_KEYS, MASKED_INPUT, CONSISTENCY_CHECK, UNMASKING }

  /**
   * What a simulated round produced.
   *
   * @param result the server's aggregate
   * @param uploadBytes bytes sent by participants to the server, per round
   * @param downloadBytes bytes sent by the server to participants, per round
   * @param nanos wall time of each round (participants and server together, sequentially)
   */
  public record Report(SecAggResult result, Map<Stage, Long> uploadBytes, Map<Stage, Long> downloadBytes,
      Map<Stage, Long> nanos) {
    public Report {
      uploadBytes = Map.copyOf(uploadBytes);
      downloadBytes = Map.copyOf(downloadBytes);
      nanos = Map.copyOf(nanos);
    }
  }

  private final SecAggParameters parameters;
  private final Map<String, SecAggClient> clients = new LinkedHashMap<>();
  private final Map<String, Stage> dropouts;
  private final SecAggServer server;
  private final Map<Stage, Long> upload = new EnumMap<>(Stage.class);
  private final Map<Stage, Long> download = new EnumMap<>(Stage.class);
  private final Map<Stage, Long> nanos = new EnumMap<>(Stage.class);

  private SecAggSimulation(SecAggParameters parameters, Map<String, long[]> inputs,
      Map<String, IdentityKeyPair> identities, Map<String, Stage> dropouts) {
    this.parameters = parameters;
    this.dropouts = new HashMap<>(dropouts);
    this.server = new SecAggServer(parameters);
    for (String id : parameters.participants()) {
      long[] input = Objects.requireNonNull(inputs.get(id), "no input for " + id);
      clients.put(id, new SecAggClient(parameters, id, input, identities.get(id),
          CollusionPolicy.tolerating(parameters.toleratedColluders())));
    }
  }

  /**
   * Runs one round.
   *
   * @param inputs every participant's encoded input
   * @param identities identity keys by participant (authenticated rounds), else empty
   * @param dropouts for each participant that drops out, the first round it misses
   * @throws RoundAbortedException if fewer than t participants remain at some stage
   * @throws IllegalArgumentException if the round is authenticated and its threshold misses the bound
   *     2t &gt; n + c for its declared colluders c (see {@link CollusionPolicy})
   */
  public static Report run(SecAggParameters parameters, Map<String, long[]> inputs,
      Map<String, IdentityKeyPair> identities, Map<String, Stage> dropouts) {
    return new SecAggSimulation(parameters, inputs, identities, dropouts).run();
  }

  private Report run() {
    KeyDirectory directory = timed(Stage.ADVERTISE_KEYS, () -> {
      for (SecAggClient client : active(Stage.ADVERTISE_KEYS)) {
        server.receive(SecAggMessages.AdvertiseKeys.fromBytes(sent(Stage.ADVERTISE_KEYS,
            client.advertiseKeys().toBytes())));
      }
      return server.closeAdvertiseKeys();
    });
    Map<String, ShareDelivery> deliveries = timed(Stage.SHARE_KEYS, () -> {
      byte[] encoded = directory.toBytes();
      for (SecAggClient client : active(Stage.SHARE_KEYS)) {
        KeyDirectory received = KeyDirectory.fromBytes(received(Stage.SHARE_KEYS, encoded));
        step(client, Stage.SHARE_KEYS, () ->
            server.receive(ShareKeys.fromBytes(sent(Stage.SHARE_KEYS, client.shareKeys(received).toBytes()))));
      }
      return server.closeShareKeys();
    });
    SurvivorSet survivorSet = timed(Stage.MASKED_INPUT, () -> {
      for (SecAggClient client : active(Stage.MASKED_INPUT)) {
        ShareDelivery delivery = deliveries.get(client.id());
        if (delivery != null) {
          ShareDelivery received = ShareDelivery.fromBytes(received(Stage.MASKED_INPUT, delivery.toBytes()));
          step(client, Stage.MASKED_INPUT, () -> server.receive(
              MaskedInput.fromBytes(sent(Stage.MASKED_INPUT, client.maskedInput(received).toBytes()))));
        }
      }
      return server.closeMaskedInput();
    });
    UnmaskingRequest request = timed(Stage.CONSISTENCY_CHECK, () -> {
      if (parameters.authenticated()) {
        byte[] encoded = survivorSet.toBytes();
        for (SecAggClient client : survivorsActiveAt(Stage.CONSISTENCY_CHECK, survivorSet)) {
          SurvivorSet received = SurvivorSet.fromBytes(received(Stage.CONSISTENCY_CHECK, encoded));
          server.receive(ConsistencyCheck.fromBytes(sent(Stage.CONSISTENCY_CHECK,
              client.consistencyCheck(received).toBytes())));
        }
      }
      return server.closeConsistencyCheck();
    });
    SecAggResult result = timed(Stage.UNMASKING, () -> {
      byte[] encoded = request.toBytes();
      for (SecAggClient client : survivorsActiveAt(Stage.UNMASKING, survivorSet)) {
        if (!parameters.authenticated() || request.signatures().containsKey(client.id())) {
          UnmaskingRequest received = UnmaskingRequest.fromBytes(received(Stage.UNMASKING, encoded));
          server.receive(Unmasking.fromBytes(sent(Stage.UNMASKING, client.unmask(received).toBytes())));
        }
      }
      return server.finish();
    });
    return new Report(result, upload, download, nanos);
  }

  /**
   * Runs one participant's step; a participant that aborts because too few of its neighbours remain in a
   * SecAgg+ round sends nothing from this stage on, exactly as if it had dropped out.
   */
  private void step(SecAggClient client, Stage stage, Runnable exchange) {
    try {
      exchange.run();
    } catch (RoundAbortedException e) {
      dropouts.put(client.id(), stage);
    }
  }

  private List<SecAggClient> active(Stage stage) {
    List<SecAggClient> active = new ArrayList<>();
    for (SecAggClient client : clients.values()) {
      Stage dropout = dropouts.get(client.id());
      if (dropout == null || dropout.compareTo(stage) > 0) {
        active.add(client);
      }
    }
    return active;
  }

  private List<SecAggClient> survivorsActiveAt(Stage stage, SurvivorSet survivors) {
    return active(stage).stream().filter(c -> survivors.survivors().contains(c.id())).toList();
  }

  private byte[] sent(Stage stage, byte[] message) {
    upload.merge(stage, (long) message.length, Long::sum);
    return message;
  }

  private byte[] received(Stage stage, byte[] message) {
    download.merge(stage, (long) message.length, Long::sum);
    return message;
  }

  private <T> T timed(Stage stage, Supplier<T> round) {
    long start = System.nanoTime();
    try {
      return round.get();
    } finally {
      nanos.put(stage, System.nanoTime() - start);
    }
  }

  /** Convenience: the same input length for everyone from a function of the participant id. */
  public static Map<String, long[]> inputs(SecAggParameters parameters, Function<String, long[]> input) {
    Map<String, long[]> inputs = new LinkedHashMap<>();
    parameters.participants().forEach(id -> inputs.put(id, input.apply(id)));
    return inputs;
  }
}
