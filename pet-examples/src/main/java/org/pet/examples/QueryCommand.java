package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.pet.examples.client.DpQueryRequest;
import org.pet.examples.client.DpQueryRequest.Type;
import org.pet.examples.client.QueryServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet query}: one DP query against a registered dataset ({@code POST /v1/datasets/{id}/queries}),
 * then the dataset's remaining budget ({@code GET /v1/datasets/{id}/budget}). Every option is checked
 * before the request is sent.
 */
@Command(name = "query",
    description = {
        "Ask a differentially private question of a dataset registered on a pet server, charged to its budget.",
        "count needs no column; sum, mean and variance need --column, --lower and --upper; quantile also "
            + "--rank; histogram needs --group-by (and --delta > 0 unless --keys lists the groups)."})
final class QueryCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private AdminOptions admin;

  @Mixin
  private PrecisionOption precision;

  @Option(names = "--dataset", required = true, paramLabel = "ID", description = "The dataset's id.")
  private String dataset;

  @Option(names = "--type", required = true, paramLabel = "TYPE",
      description = "count, sum, mean, variance, quantile or histogram.")
  private Type type;

  @Option(names = "--epsilon", required = true, paramLabel = "E", description = "Budget to spend, finite and > 0.")
  private double epsilon;

  @Option(names = "--delta", defaultValue = "0", paramLabel = "D",
      description = "Delta to spend, in [0, 1) (default ${DEFAULT-VALUE}).")
  private double delta;

  @Option(names = "--column", paramLabel = "COL", description = "The value column (sum, mean, variance, quantile).")
  private String column;

  @Option(names = "--lower", paramLabel = "L", description = "Values are clamped to [L, U].")
  private Double lower;

  @Option(names = "--upper", paramLabel = "U", description = "See --lower.")
  private Double upper;

  @Option(names = "--rank", paramLabel = "R", description = "The quantile's rank in [0, 1], e.g. 0.5 (quantile).")
  private Double rank;

  @Option(names = "--group-by", paramLabel = "COL", description = "The column to count per value of (histogram).")
  private String groupBy;

  @Option(names = "--keys", split = ",", paramLabel = "K",
      description = "The public list of groups to count (histogram); without it groups are selected privately.")
  private List<String> keys;

  @Option(names = "--max-contributions-per-partition", defaultValue = "1", paramLabel = "N",
      description = "Most rows one privacy unit contributes (per group) (default ${DEFAULT-VALUE}).")
  private int maxContributions;

  @Option(names = "--max-partitions-contributed", defaultValue = "1", paramLabel = "N",
      description = "Most groups one privacy unit counts in (histogram; default ${DEFAULT-VALUE}).")
  private int maxPartitions;

  @Override
  public Integer call() {
    DpQueryRequest request = request();
    String id = Inputs.pathSegment("--dataset", dataset);
    QueryServiceClient client = new QueryServiceClient(admin.client());
    JsonNode answer = client.query(id, request);
    PrintWriter out = spec.commandLine().getOut();
    PrintedNumbers numbers = precision.numbers();
    printAnswer(out, answer, numbers);
    out.printf("charged: epsilon %s, delta %s%n", numbers.parameter(answer.path("epsilon").asDouble()),
        numbers.parameter(answer.path("delta").asDouble()));
    out.println("budget: " + client.budget(id).describe(numbers::parameter));
    return 0;
  }

  /** Checks the options for the query type and assembles the request. */
  private DpQueryRequest request() {
    Inputs.epsilon("--epsilon", epsilon);
    Inputs.delta("--delta", delta);
    Inputs.atLeast("--max-contributions-per-partition", maxContributions, 1);
    Inputs.atLeast("--max-partitions-contributed", maxPartitions, 1);
    String name = "--type " + type.wireName();
    if (type.bounded()) {
      requirePresent(name, "--column", column);
      requirePresent(name, "--lower", lower);
      requirePresent(name, "--upper", upper);
      Inputs.finite("--lower", lower);
      Inputs.finite("--upper", upper);
      Inputs.require(lower < upper, "--upper", "> --lower (" + lower + ")", upper);
    } else {
      requireAbsent(name, "--column", column);
      requireAbsent(name, "--lower", lower);
      requireAbsent(name, "--upper", upper);
    }
    if (type == Type.QUANTILE) {
      requirePresent(name, "--rank", rank);
      Inputs.require(rank >= 0 && rank <= 1, "--rank", "in [0, 1]", rank);
    } else {
      requireAbsent(name, "--rank", rank);
    }
    if (type == Type.HISTOGRAM) {
      requirePresent(name, "--group-by", groupBy);
      if (keys == null && delta == 0) {
        throw new UsageException("--delta must be > 0 for a histogram without --keys (groups are selected "
            + "privately)");
      }
    }
    if (delta > 0 && (type != Type.HISTOGRAM || keys != null)) {
      throw new UsageException("--delta is not used by " + name + (keys != null ? " with --keys" : "")
          + " (Laplace noise is pure epsilon-DP): it would be charged for nothing; leave it out");
    }
    if (type != Type.HISTOGRAM) {
      requireAbsent(name, "--group-by", groupBy);
      requireAbsent(name, "--keys", keys);
      Inputs.require(maxPartitions == 1, "--max-partitions-contributed", "1 except for a histogram", maxPartitions);
    }
    return new DpQueryRequest(type, epsilon, delta, column, lower, upper, rank, groupBy, keys, maxContributions,
        maxPartitions);
  }

  private static void requirePresent(String type, String option, Object value) {
    if (value == null) {
      throw new UsageException(type + " needs " + option);
    }
  }

  private static void requireAbsent(String type, String option, Object value) {
    if (value != null) {
      throw new UsageException(option + " does not apply to " + type);
    }
  }

  private void printAnswer(PrintWriter out, JsonNode answer, PrintedNumbers numbers) {
    if (type == Type.HISTOGRAM) {
      out.printf("histogram of %s (noisy counts):%n", groupBy);
      answer.path("groups").fields().forEachRemaining(group ->
          out.printf("  %s: %s%n", group.getKey(), numbers.estimate(group.getValue())));
    } else {
      out.printf("%s: %s%n", type.wireName(), numbers.estimate(answer.path("value")));
    }
    JsonNode interval = answer.path("confidenceInterval95");
    if (interval.isArray() && interval.size() == 2) {
      out.printf("95%% confidence interval: %s%n", numbers.interval(answer.path("value"), interval.get(0).asDouble(),
          interval.get(1).asDouble()));
    }
  }
}
