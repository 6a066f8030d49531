package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TaskClient;
import org.pet.vdaf.Hpke;
import org.pet.vdaf.Prio3Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet task create}: creates a Prio3 task on the leader and on the helper with a fresh shared
 * verification key (sent to the two servers only), and the collector's key file if it does not exist.
 * Everything is validated before the first request.
 */
@Command(name = "create", description = {
    "Create a two-aggregator Prio3 task on a leader and a helper server (both started with --role).",
    "The verification key is drawn here and sent to the two aggregators only. The collector key file is "
        + "created if missing; keep it: only it opens collected results."})
final class TaskCreateCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--leader", required = true, paramLabel = "URL", description = "The leader server's address.")
  private String leader;

  @Option(names = "--helper", required = true, paramLabel = "URL", description = "The helper server's address.")
  private String helper;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "A PEM file of CA certificates to trust for https:// servers a private CA certified.")
  private Path ca;

  @Option(names = "--leader-token", paramLabel = "TOKEN",
      description = "The leader's administrator token (default: PET_ADMIN_TOKEN).")
  private String leaderToken;

  @Option(names = "--helper-token", paramLabel = "TOKEN",
      description = "The helper's administrator token (default: PET_HELPER_ADMIN_TOKEN, else the leader's).")
  private String helperToken;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The task id (letters, digits, . _ -).")
  private String id;

  @Option(names = "--vdaf", required = true, paramLabel = "TYPE", description = "Prio3Count, Prio3Sum, Prio3SumVec, "
      + "Prio3Histogram or Prio3MultihotCountVec.")
  private String vdaf;

  @Option(names = "--max-measurement", paramLabel = "M", description = "Prio3Sum, Prio3SumVec: the largest value.")
  private long maxMeasurement;

  @Option(names = "--max-weight", paramLabel = "W", description = "Prio3MultihotCountVec: the most true entries.")
  private long maxWeight;

  @Option(names = "--length", paramLabel = "L", description = "Vector length or number of buckets.")
  private int length;

  @Option(names = "--chunk-length", paramLabel = "C", description = "ParallelSum chunk length (default: about "
      + "the square root of the encoded length).")
  private Integer chunkLength;

  @Option(names = "--min-batch-size", required = true, paramLabel = "N",
      description = "The fewest accepted reports a collected batch may have (both aggregators enforce it).")
  private int minBatchSize;

  @Option(names = "--collector-key", required = true, paramLabel = "FILE",
      description = "The collector's key file; created if it does not exist.")
  private Path collectorKey;

  @Option(names = "--noise", paramLabel = "MECHANISM",
      description = "discrete-laplace or discrete-gaussian: each aggregator adds noise meeting --epsilon "
          + "(and --delta) on its own (default: none).")
  private String noise;

  @Option(names = "--epsilon", paramLabel = "E", description = "Target epsilon with --noise.")
  private Double epsilon;

  @Option(names = "--delta", paramLabel = "D", description = "Target delta with --noise discrete-gaussian.")
  private Double delta;

  @Override
  public Integer call() {
    URI leaderUri = Inputs.serverAddress("--leader", leader);
    URI helperUri = Inputs.serverAddress("--helper", helper);
    ServerOption.trustCa("--ca", ca);
    Prio3Config config = config();
    Inputs.require(minBatchSize >= 1, "--min-batch-size", ">= 1", minBatchSize);
    Map<String, Object> noiseJson = null;
    if (noise != null) {
      Inputs.require(noise.equals("discrete-laplace") || noise.equals("discrete-gaussian"), "--noise",
          "discrete-laplace or discrete-gaussian", noise);
      if (epsilon == null) {
        throw new UsageException("--noise needs --epsilon");
      }
      noiseJson = new LinkedHashMap<>();
      noiseJson.put("mechanism", noise);
      noiseJson.put("epsilon", epsilon);
      if (delta != null) {
        noiseJson.put("delta", delta);
      }
    } else if (epsilon != null || delta != null) {
      throw new UsageException("--epsilon and --delta need --noise");
    }
    Map<String, String> environment = PetCommand.environment(spec);
    String leaderAdmin = leaderToken != null ? leaderToken : environment.get(AdminOptions.TOKEN_VARIABLE);
    if (leaderAdmin == null || leaderAdmin.isBlank()) {
      throw new UsageException("the leader's administrator token is required: give --leader-token or set "
          + AdminOptions.TOKEN_VARIABLE);
    }
    String helperAdmin = helperToken != null ? helperToken
        : environment.getOrDefault("PET_HELPER_ADMIN_TOKEN", leaderAdmin);
    Hpke.KeyPair collector = CollectorKeyFile.readOrCreate("--collector-key", collectorKey);
    JsonNode created = TaskClient.createOnBoth(PetClient.admin(leaderUri, leaderAdmin),
        PetClient.admin(helperUri, helperAdmin), id, config, minBatchSize, collector.publicKey(), noiseJson);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("task %s created: %s, minimum batch %d%s%n", id, config, minBatchSize,
        noise == null ? ", no noise" : ", " + noise + " noise (epsilon " + epsilon + (delta == null ? "" : ", delta "
            + delta) + ") from each aggregator");
    out.printf("leader %s, helper %s; task digest %s%n", leaderUri, helperUri, created.path("digest").asText());
    out.printf("collector key: %s (keep it secret: it opens the results)%n", collectorKey);
    out.flush();
    return 0;
  }

  private Prio3Config config() {
    Prio3Config.Type type;
    try {
      type = Prio3Config.Type.byName(vdaf);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--vdaf: " + e.getMessage());
    }
    int chunk = chunkLength != null ? chunkLength : defaultChunk(type);
    try {
      return switch (type) {
        case COUNT -> Prio3Config.count();
        case SUM -> Prio3Config.sum(maxMeasurement);
        case SUM_VEC -> Prio3Config.sumVec(length, maxMeasurement, chunk);
        case HISTOGRAM -> Prio3Config.histogram(length, chunk);
        case MULTIHOT_COUNT_VEC -> Prio3Config.multihotCountVec(length, maxWeight, chunk);
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException("--vdaf " + vdaf + ": " + e.getMessage().replace("`maxMeasurement`", "--max-measurement")
          .replace("`maxWeight`", "--max-weight").replace("`length`", "--length").replace("`chunkLength`",
              "--chunk-length"));
    }
  }

  /** About sqrt of the encoded measurement length, the draft's suggestion for ParallelSum chunks. */
  private int defaultChunk(Prio3Config.Type type) {
    long bits = maxMeasurement > 0 ? 64 - Long.numberOfLeadingZeros(maxMeasurement) : 1;
    long encoded = type == Prio3Config.Type.SUM_VEC ? (long) Math.max(length, 1) * bits : Math.max(length, 1);
    return (int) Math.max(1, Math.round(Math.sqrt(encoded)));
  }
}
