package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.server.rounds.RoundService;
import org.pet.server.testing.ServerProcess;

/**
 * Agencies survive a server crash (issue 13, finding 10): four {@link AgencyClient}s with the default retry
 * policy join a round on a pet server running as a child JVM; the server is killed with SIGKILL once the
 * round reaches {@code masked}, restarted on the same data and port, killed again once it reaches
 * {@code consistency} (or later), and restarted again. Every agency sees the round complete with the exact
 * sum of the four inputs. Phase deadlines are 600 s, so only the agencies' messages move the round on.
 */
class AgencyClientServerRestartTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static final List<String> AGENCIES = List.of("council", "nhs-trust", "police", "school");

  @TempDir
  Path dataDirectory;

  /** Waits, by long polls, until the round is in {@code state} or a later one; returns the state. */
  private static String awaitAtLeast(PetClient client, String round, String state) {
    List<String> order = RoundService.STATES;
    String current = client.get("/v1/rounds/" + round).get("state").asText();
    while (order.indexOf(current) < order.indexOf(state)) {
      current = client.get("/v1/rounds/" + round + "?after=" + current).get("state").asText();
    }
    return current;
  }

  @Test
  void join_serverKilledTwiceMidRound_everyAgencySeesTheExactSum() throws Exception {
    try (ServerProcess server = ServerProcess.builder(dataDirectory, TOKEN).start()) {
      PetClient admin = PetClient.admin(server.uri(), TOKEN);
      Map<String, AgencyKeyFile> identities = new LinkedHashMap<>();
      for (String agency : AGENCIES) {
        identities.put(agency, AgencyKeyFile.generate(agency));
        admin.post("/v1/agencies", Map.of("id", agency, "publicKey", identities.get(agency).publicKeyBase64()));
      }
      String round = admin.post("/v1/rounds", Map.of("participants", AGENCIES, "threshold", 3, "vectorLength", 4,
          "phaseTimeoutSeconds", 600)).get("id").asText();
      ExecutorService threads = Executors.newFixedThreadPool(AGENCIES.size());
      List<Future<AgencyClient.Outcome>> outcomes = new ArrayList<>();
      List<String> killedIn = new ArrayList<>();
      try {
        for (int i = 1; i <= AGENCIES.size(); i++) {
          AgencyClient client = new AgencyClient(server.uri(), AGENCIES.get(i - 1),
              identities.get(AGENCIES.get(i - 1)).key());
          long[] input = {i, 10L * i, 100L * i, -1000L * i};
          outcomes.add(threads.submit(() -> client.join(round, input)));
        }
        for (String state : List.of("masked", "consistency")) {
          killedIn.add(awaitAtLeast(admin, round, state));
          assertThat(server.kill()).isEqualTo(128 + 9);
          server.restartOnSamePort();
        }
        for (Future<AgencyClient.Outcome> outcome : outcomes) {
          AgencyClient.Outcome seen = outcome.get(15, TimeUnit.MINUTES); // a safety net only
          assertThat(seen.sum()).as("killed in %s; server log:%n%s", killedIn, server.log())
              .containsExactly(10, 100, 1000, -10_000);
          assertThat(seen.included()).containsExactlyInAnyOrderElementsOf(AGENCIES);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(killedIn.get(0)).isIn("masked", "consistency", "unmask", "completed");
      assertThat(admin.get("/v1/rounds/" + round).get("state").asText()).isEqualTo("completed");
    }
  }
}
