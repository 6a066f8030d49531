package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.client.AgencyKeyFile;

/** {@code pet linkage create|join|status} against an embedded server, both parties from CSV files. */
class LinkageCommandTest {

  @TempDir
  Path directory;

  private EmbeddedServer server;
  private Map<String, String> environment;
  /** 25 of the council's 40 children appear in the trust's 60 rows; their visits add up to this. */
  private long sharedVisits;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedServer.start();
    environment = Map.of("PET_ADMIN_TOKEN", server.adminToken());
    for (String agency : List.of("council", "nhs-trust", "police")) {
      AgencyKeyFile identity = AgencyKeyFile.generate(agency);
      identity.write(directory.resolve(agency + ".key"));
      server.admin().post("/v1/agencies", Map.of("id", agency, "publicKey", identity.publicKeyBase64()));
    }
    StringBuilder children = new StringBuilder("id,name\n");
    for (int i = 0; i < 40; i++) {
      children.append("943 476 ").append(5000 + i).append(",child ").append(i).append('\n');
    }
    StringBuilder visits = new StringBuilder("nhs_number,visits\n");
    for (int i = 15; i < 75; i++) {
      visits.append("943476").append(5000 + i).append(',').append(i % 5).append('\n');
      sharedVisits += i < 40 ? i % 5 : 0;
    }
    Files.writeString(directory.resolve("children.csv"), children);
    Files.writeString(directory.resolve("visits.csv"), visits);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String createSession(String... extra) {
    List<String> args = new ArrayList<>(List.of("linkage", "create", "--server", server.uri().toString(),
        "--purpose", "children known to social care with A&E visits", "--identifier-party", "council",
        "--value-party", "nhs-trust"));
    args.addAll(List.of(extra));
    Cli.Result created = Cli.run(environment, args.toArray(String[]::new)).succeeded();
    Matcher id = Pattern.compile("linkage session ([0-9a-f-]{36})").matcher(created.out());
    assertThat(id.find()).as(created.out()).isTrue();
    return id.group(1);
  }

  private Cli.Result join(String agency, String session, String input, String... extra) {
    List<String> args = new ArrayList<>(List.of("linkage", "join", "--server", server.uri().toString(), "--session",
        session, "--key", directory.resolve(agency + ".key").toString(), "--input",
        directory.resolve(input).toString(), "--timeout", "60"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Runs both parties at once, as two bodies would; returns the council's and the trust's results. */
  private List<Cli.Result> joinBoth(String session) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Cli.Result> council = threads.submit(() -> join("council", session, "children.csv"));
      Future<Cli.Result> trust = threads.submit(() -> join("nhs-trust", session, "visits.csv",
          "--id-column", "nhs_number", "--value-column", "visits"));
      return List.of(council.get(), trust.get());
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void bothPartiesJoinFromCsv_andPrintTheExactSizeAndSum() throws Exception {
    String session = createSession("--max-value", "4");
    List<Cli.Result> results = joinBoth(session);

    assertThat(results.get(0).succeeded().out()).contains("as the identifier party with 40 rows", "step 4 of 4 relayed",
        "people in both: 25\n", "sum over them: " + sharedVisits + "\n", "exact result (no DP noise)");
    assertThat(results.get(1).succeeded().out()).contains("as the value party with 60 rows", "people in both: 25\n",
        "sum over them: " + sharedVisits + "\n");
    assertThat(Cli.run("linkage", "status", "--server", server.uri().toString(), "--session", session).succeeded().out())
        .contains("linkage session " + session + ": completed", "identifier party council, value party nhs-trust",
            "released size 25, released sum " + sharedVisits);
    assertThat(Cli.run("log", "verify", "--server", server.uri().toString()).succeeded().out()).contains("valid");
  }

  @Test
  void noisySession_printsEpsilonAndErrorBounds() throws Exception {
    String session = createSession("--max-value", "4", "--cardinality-epsilon", "1", "--sum-epsilon", "1");
    for (Cli.Result result : joinBoth(session)) {
      assertThat(result.succeeded().out()).contains("privacy: epsilon 2.0 per person, delta 0", "at 95%)");
    }
  }

  @Test
  void exactNormalisation_doesNotMatchDifferentlyFormattedIdentifiers() throws Exception {
    String session = createSession("--normalisation", "exact");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Cli.Result> council = threads.submit(() -> join("council", session, "children.csv"));
      Future<Cli.Result> trust = threads.submit(() -> join("nhs-trust", session, "visits.csv", "--id-column",
          "nhs_number"));
      // "943 476 5000" (council) and "9434765000" (trust) only match once whitespace is removed
      assertThat(council.get().succeeded().out()).contains("people in both: 0\n");
      assertThat(trust.get().succeeded().out()).contains("people in both: 0\n");
    } finally {
      threads.shutdown();
    }
    assertThat(Cli.run("linkage", "status", "--server", server.uri().toString(), "--session", session).succeeded().out())
        .contains("identifiers normalised: exact");
  }

  @Test
  void sizeOnlySession_needsNoValues() throws Exception {
    String session = createSession();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Cli.Result> council = threads.submit(() -> join("council", session, "children.csv"));
      Future<Cli.Result> trust = threads.submit(() -> join("nhs-trust", session, "visits.csv", "--id-column",
          "nhs_number"));
      assertThat(council.get().succeeded().out()).contains("people in both: 25\n").doesNotContain("sum over them");
      assertThat(trust.get().succeeded().out()).contains("people in both: 25\n");
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void badInput_exitsTwoOrOneAndNothingIsRelayed() throws Exception {
    String session = createSession("--max-value", "4");
    join("nhs-trust", session, "visits.csv", "--id-column", "nhs_number")
        .failed(2, "pet linkage join", "--value-column is required");
    join("council", session, "children.csv", "--value-column", "visits")
        .failed(2, "pet linkage join", "only the value party sends values");
    join("council", session, "children.csv", "--id-column", "nhs").failed(2, "pet linkage join", "no column \"nhs\"");
    Files.writeString(directory.resolve("blank.csv"), "id\n9434765000\n  \n");
    join("council", session, "blank.csv").failed(2, "pet linkage join", "blank.csv:3: column id: an empty identifier");
    join("police", session, "children.csv").failed(1, "pet linkage join", "police is not a party");
    Cli.run(environment, "linkage", "create", "--server", server.uri().toString(), "--purpose", "p",
        "--identifier-party", "council", "--value-party", "nhs-trust", "--max-value", "4",
        "--cardinality-epsilon", "0").failed(2, "pet linkage create", "--cardinality-epsilon must be finite and > 0");
    Cli.run(environment, "linkage", "create", "--server", server.uri().toString(), "--purpose", "p",
        "--identifier-party", "council", "--value-party", "council").failed(2, "pet linkage create", "--value-party");
    Cli.run(environment, "linkage", "create", "--server", server.uri().toString(), "--purpose", "p",
        "--identifier-party", "council", "--value-party", "nhs-trust", "--normalisation", "soundex")
        .failed(2, "pet linkage create", "--normalisation must be standard or exact");
    assertThat(server.admin().get("/v1/linkage/" + session).path("state").asText()).isEqualTo("step-1");
  }
}
