package org.pet.examples.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pet.examples.EmbeddedServer;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.client.PetApiException;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TaskClient;
import org.pet.vdaf.Hpke;
import org.pet.vdaf.Prio3Config;

/**
 * Two aggregators, no single point of trust: councils report their rough-sleeper counts (the autumn
 * snapshot) to a statistics office (the leader) and a university (the helper). Each council's count is
 * secret-shared between the two with a Prio3Sum validity proof (a count in [0, {@value #MAX_COUNT}]);
 * neither aggregator sees a count, and only the collector - the department publishing the national figure
 * - can open the total. One council's faulty client skips validation and claims {@value #BOGUS_COUNT}; both
 * aggregators reject its report, count it and log it in their transparency logs, and the total stays exact.
 */
public final class RoughSleepersScenario implements Scenario {

  static final List<String> COUNCILS = List.of("council-ashby", "council-bexley", "council-carlow", "council-dunmore",
      "council-eastwick", "council-fenwood", "council-glenmoor", "council-hartley", "council-irwell",
      "council-kestrel");
  /** The council whose client sends an out-of-range report. */
  static final String FAULTY = "council-westmoor";
  static final long MAX_COUNT = 500;
  static final long BOGUS_COUNT = 50_000;
  static final String TASK = "rough-sleepers-autumn-2026";

  /** What the collector opened: the total, the truth, and the counts of accepted and rejected reports. */
  public record Result(long total, long truth, long accepted, long rejected) {}

  public static void main(String[] args) throws Exception {
    Scenarios.main(new RoughSleepersScenario(), args);
  }

  @Override
  public String name() {
    return "rough-sleepers";
  }

  @Override
  public String description() {
    return "Councils report rough-sleeper counts to two aggregators (Prio3Sum with validity proofs); a faulty "
        + "out-of-range report is rejected.";
  }

  @Override
  public ScenarioResult run(PrintWriter out, long seed) {
    Result result;
    try (EmbeddedServer leader = EmbeddedServer.startAs("leader");
        EmbeddedServer helper = EmbeddedServer.startAs("helper")) {
      result = run(leader.uri(), leader.adminToken(), helper.uri(), helper.adminToken(), seed, out);
    }
    return new ScenarioResult(name(), List.of(new Estimate("national total", result.truth(), result.total(), 0)));
  }

  /**
   * Runs the scenario against a leader and a helper already running with those roles.
   *
   * @param seed the synthetic counts' seed (shares, keys and proofs always use secure randomness)
   * @throws IllegalStateException if the outcome is not what the protocol guarantees
   */
  public static Result run(URI leaderUri, String leaderToken, URI helperUri, String helperToken, long seed,
      PrintWriter out) {
    SplittableRandom random = new SplittableRandom(seed);
    PetClient leader = PetClient.admin(leaderUri, leaderToken);
    PetClient helper = PetClient.admin(helperUri, helperToken);
    out.printf("pet scenario rough-sleepers (synthetic counts, seed %d)%n", seed);
    out.printf("Leader (statistics office) %s, helper (university) %s%n", leaderUri, helperUri);
    Map<String, AgencyKeyFile> identities = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(COUNCILS);
    all.add(FAULTY);
    for (String council : all) {
      AgencyKeyFile identity = AgencyKeyFile.generate(council);
      identities.put(council, identity);
      for (PetClient admin : List.of(leader, helper)) {
        admin.post("/v1/agencies", Map.of("id", council, "publicKey", identity.publicKeyBase64()));
      }
    }
    Hpke.KeyPair collector = Hpke.generateKeyPair();
    Prio3Config vdaf = Prio3Config.sum(MAX_COUNT);
    JsonNode task = TaskClient.createOnBoth(leader, helper, TASK, vdaf, COUNCILS.size(), collector.publicKey(), null);
    out.printf("Task %s: %s, minimum batch %d, created on both (digest %s...)%n", TASK, vdaf, COUNCILS.size(),
        task.path("digest").asText().substring(0, 16));
    TaskClient.TaskView view = TaskClient.view(leaderUri, TASK, helperUri);
    long truth = 0;
    for (String council : COUNCILS) {
      long count = random.nextLong(MAX_COUNT / 2);
      truth += count;
      AgencyKeyFile identity = identities.get(council);
      TaskClient.submit(leaderUri, council, identity.key(), view, new long[] {count});
      out.printf("  %-17s submitted its count (two sealed shares and a proof; neither aggregator sees it)%n", council);
    }
    AgencyKeyFile faulty = identities.get(FAULTY);
    try {
      TaskClient.submit(leaderUri, FAULTY, faulty.key(), view, new long[] {BOGUS_COUNT});
      throw new IllegalStateException("an honest client accepted an out-of-range count");
    } catch (IllegalArgumentException e) {
      out.printf("  %-17s an honest client refuses %d (%s)%n", FAULTY, BOGUS_COUNT, e.getMessage());
    }
    TaskClient.submit(leaderUri, FAULTY, faulty.key(), TaskClient.forgedReport(view, FAULTY, BOGUS_COUNT));
    out.printf("  %-17s a faulty client sends a report claiming %d anyway%n", FAULTY, BOGUS_COUNT);
    TaskClient.Collected collected = TaskClient.collect(leader, TASK, collector);
    out.printf("Collected batch %d: %d reports aggregated, %d rejected%n", collected.batch(), collected.reportCount(),
        collected.rejected());
    out.printf("National total: %d rough sleepers (the councils' true total: %d)%n", collected.aggregate()[0], truth);
    for (PetClient aggregator : List.of(leader, helper)) {
      JsonNode entries = PetClient.anonymous(aggregator.server()).get("/v1/transparency/log?from=0&limit=1000")
          .path("entries");
      for (JsonNode entry : entries) {
        if (entry.path("type").asText().equals("reports-rejected")) {
          JsonNode rejected = entry.path("payload").path("reports").path(0);
          out.printf("%s log: report of %s rejected (%s)%n", entry.path("payload").path("role").asText(),
              rejected.path("agency").asText(), rejected.path("reason").asText());
        }
      }
    }
    try {
      TaskClient.collect(leader, TASK, collector);
    } catch (PetApiException e) {
      out.printf("A second collection is refused: %s%n", e.getMessage());
    }
    out.flush();
    if (collected.aggregate()[0] != truth || collected.rejected() != 1) {
      throw new IllegalStateException("expected the exact total " + truth + " and one rejected report, had "
          + collected.aggregate()[0] + " and " + collected.rejected());
    }
    return new Result(collected.aggregate()[0], truth, collected.reportCount(), collected.rejected());
  }
}
