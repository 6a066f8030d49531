package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.scenarios.RoughSleepersScenario;
import org.pet.server.testing.ServerProcess;

/**
 * Issue #18, done when: two real pet-server processes - a leader and a helper, each a child JVM with its
 * own embedded database, keys and log - complete Prio3 tasks. The rough-sleepers scenario runs against them
 * (exact total, the faulty council's report rejected by both); then the command line creates a histogram
 * task, agencies submit by value and by CSV column, the leader is killed with SIGKILL and restarted (the
 * accepted reports are durable), and the collector opens the exact histogram. Bad input exits 2 with one
 * line on stderr; a wrong collector key exits 1.
 */
class TwoAggregatorProcessTest {

  private static final String TOKEN = "admin-token-for-two-aggregator-processes";

  @TempDir
  Path directory;

  @Test
  void twoServerProcessesRunTheScenarioAndTheCommandLineFlow() throws Exception {
    try (ServerProcess leader = ServerProcess.builder(directory.resolve("leader"), TOKEN).role("leader").start();
        ServerProcess helper = ServerProcess.builder(directory.resolve("helper"), TOKEN).role("helper").start()) {
      StringWriter printed = new StringWriter();
      RoughSleepersScenario.Result result = RoughSleepersScenario.run(leader.uri(), TOKEN, helper.uri(), TOKEN, 7,
          new PrintWriter(printed, true));
      assertThat(result.total()).isEqualTo(result.truth());
      assertThat(result.accepted()).isEqualTo(10);
      assertThat(result.rejected()).isEqualTo(1);
      assertThat(printed.toString()).contains("leader log: report of council-westmoor rejected (proof-rejected)",
          "helper log: report of council-westmoor rejected (proof-rejected)", "A second collection is refused");

      Map<String, String> env = Map.of(AdminOptions.TOKEN_VARIABLE, TOKEN);
      for (String agency : new String[] {"trust-a", "trust-b"}) {
        Path key = directory.resolve(agency + ".json");
        Cli.run("agency", "keygen", "--agency", agency, "--out", key.toString()).succeeded();
        String publicKey = new com.fasterxml.jackson.databind.ObjectMapper().readTree(key.toFile())
            .path("publicKey").asText();
        for (ServerProcess server : new ServerProcess[] {leader, helper}) {
          Cli.run(env, "agency", "register", "--server", server.uri().toString(), "--agency", agency,
              "--public-key", publicKey).succeeded();
        }
      }
      Path collectorKey = directory.resolve("collector.key");
      String[] create = {"task", "create", "--leader", leader.uri().toString(), "--helper", helper.uri().toString(),
          "--id", "ae-attendance", "--vdaf", "Prio3Histogram", "--length", "4", "--min-batch-size", "3",
          "--collector-key", collectorKey.toString()};
      assertThat(Cli.run(env, create).succeeded().out()).contains("Prio3Histogram(length=4, chunkLength=2)");
      assertThat(Files.exists(collectorKey)).isTrue();
      Cli.run(env, create).failed(1, "pet task create", "exists");
      Cli.run(env, "task", "create", "--leader", leader.uri().toString(), "--helper", helper.uri().toString(),
          "--id", "x", "--vdaf", "Prio3Median", "--min-batch-size", "3", "--collector-key", collectorKey.toString())
          .failed(2, "pet task create", "unknown VDAF");

      String leaderUrl = leader.uri().toString();
      Cli.run("agency", "submit", "--server", leaderUrl, "--key", directory.resolve("trust-a.json").toString(),
          "--task", "ae-attendance", "--value", "2").succeeded();
      Cli.run("agency", "submit", "--server", leaderUrl, "--key", directory.resolve("trust-a.json").toString(),
          "--task", "ae-attendance", "--value", "4").failed(2, "pet agency submit", "bucket in [0, 4)");
      Path csv = directory.resolve("visits.csv");
      Files.writeString(csv, "bucket\n0\n2\n3\n");
      assertThat(Cli.run("agency", "submit", "--server", leaderUrl, "--key", directory.resolve("trust-b.json")
          .toString(), "--task", "ae-attendance", "--input", csv.toString(), "--column", "bucket").succeeded().out()
          .lines()).hasSize(3);

      // The leader crashes after acknowledging the reports; restarted, it still has them.
      leader.kill();
      leader.restart();
      String restartedUrl = leader.uri().toString();
      Cli.run(env, "task", "collect", "--server", restartedUrl, "--task", "ae-attendance", "--collector-key",
          directory.resolve("missing.key").toString()).failed(2, "pet task collect", "missing.key");
      Path otherKey = directory.resolve("other.key");
      org.pet.server.store.SecretFile.create(otherKey, java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(org.pet.vdaf.Hpke.generateKeyPair().privateKey()));
      Cli.Result collected = Cli.run(env, "task", "collect", "--server", restartedUrl, "--task", "ae-attendance",
          "--collector-key", collectorKey.toString()).succeeded();
      assertThat(collected.out()).contains("batch 0: 4 reports aggregated, 0 rejected", "aggregate[0]: 1",
          "aggregate[1]: 0", "aggregate[2]: 2", "aggregate[3]: 1", "no DP noise");
      Cli.run(env, "task", "collect", "--server", restartedUrl, "--task", "ae-attendance", "--collector-key",
          otherKey.toString(), "--batch", "0").failed(1, "pet task collect", "do not open");
      Cli.run(env, "task", "collect", "--server", restartedUrl, "--task", "ae-attendance", "--collector-key",
          collectorKey.toString()).failed(1, "pet task collect", "fewer than the minimum batch size 3");
    }
  }
}
