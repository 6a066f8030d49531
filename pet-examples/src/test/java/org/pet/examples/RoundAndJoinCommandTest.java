package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.client.RoundErrorBound;
import org.pet.examples.client.RoundStatus;
import org.pet.secagg.DistributedNoise;

/** {@code pet round create|status|result} and {@code pet agency join} against an embedded server. */
class RoundAndJoinCommandTest {

  private static final List<String> AGENCIES = List.of("council", "nhs-trust", "police");

  @TempDir
  Path directory;

  private EmbeddedServer server;
  private Map<String, String> environment;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedServer.start();
    environment = Map.of("PET_ADMIN_TOKEN", server.adminToken());
    for (String agency : AGENCIES) {
      AgencyKeyFile identity = AgencyKeyFile.generate(agency);
      identity.write(directory.resolve(agency + ".key"));
      server.admin().post("/v1/agencies", Map.of("id", agency, "publicKey", identity.publicKeyBase64()));
      StringBuilder csv = new StringBuilder("band,value\n");
      for (int i = 0; i < 4; i++) {
        csv.append("band-").append(i).append(',').append((agency.length() + 1) * (i + 1)).append('\n');
      }
      Files.writeString(directory.resolve(agency + ".csv"), csv);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String createRound(String... extra) {
    List<String> args = new ArrayList<>(List.of("round", "create", "--server", server.uri().toString(),
        "--participants", String.join(",", AGENCIES), "--threshold", "2", "--vector-length", "4"));
    args.addAll(List.of(extra));
    Cli.Result created = Cli.run(environment, args.toArray(String[]::new)).succeeded();
    Matcher id = Pattern.compile("round ([0-9a-f-]{36})").matcher(created.out());
    assertThat(id.find()).as(created.out()).isTrue();
    return id.group(1);
  }

  private Cli.Result join(String agency, String round, String... extra) {
    List<String> args = new ArrayList<>(List.of("agency", "join", "--server", server.uri().toString(), "--round",
        round, "--key", directory.resolve(agency + ".key").toString(), "--input",
        directory.resolve(agency + ".csv").toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private List<Cli.Result> joinAll(String round) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(AGENCIES.size());
    try {
      List<Future<Cli.Result>> runs = new ArrayList<>();
      for (String agency : AGENCIES) {
        runs.add(threads.submit(() -> join(agency, round)));
      }
      List<Cli.Result> results = new ArrayList<>();
      for (Future<Cli.Result> run : runs) {
        results.add(run.get());
      }
      return results;
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void threeAgenciesJoinFromCsv_andEachPrintsTheExactSum() throws Exception {
    String round = createRound();
    for (Cli.Result result : joinAll(round)) {
      result.succeeded();
      // council 8, nhs-trust 10, police 7 per band times (i + 1): sums 25, 50, 75, 100.
      assertThat(result.out()).contains("phase keys done", "phase unmask done", "included: council,nhs-trust,police",
          "privacy: exact sum", "index,sum\n0,25\n1,50\n2,75\n3,100\n");
    }
    Path output = directory.resolve("sum.csv");
    Cli.run("round", "result", "--server", server.uri().toString(), "--round", round, "--output", output.toString())
        .succeeded();
    assertThat(Files.readString(output)).isEqualTo("index,sum\n0,25\n1,50\n2,75\n3,100\n");
    assertThat(Cli.run("round", "status", "--server", server.uri().toString(), "--round", round).succeeded().out())
        .contains("round " + round + ": completed\n", "participants council,nhs-trust,police, threshold 2",
            "completed; included: council, nhs-trust, police")
        .doesNotContain("answered the open phase", "waiting for", "deadline");
  }

  /**
   * A SecAgg+ round of six agencies, each masking with its four neighbours: created with --neighbours,
   * joined by unchanged agency clients (they read the degree from the round), exact sum; impossible
   * settings are refused with exit code 2 and a recommendation.
   */
  @Test
  void secAggPlusRound_createdWithNeighbours_sixAgenciesJoinAndGetTheExactSum() throws Exception {
    List<String> six = new ArrayList<>(AGENCIES);
    for (String extra : List.of("school", "probation", "housing")) {
      AgencyKeyFile identity = AgencyKeyFile.generate(extra);
      identity.write(directory.resolve(extra + ".key"));
      server.admin().post("/v1/agencies", Map.of("id", extra, "publicKey", identity.publicKeyBase64()));
      Files.writeString(directory.resolve(extra + ".csv"), "band,value\nband-0,1\nband-1,2\nband-2,3\nband-3,4\n");
      six.add(extra);
    }
    List<String> create = List.of("round", "create", "--server", server.uri().toString(), "--participants",
        String.join(",", six), "--vector-length", "4", "--tolerated-colluders", "1");
    Cli.run(environment, concat(create, "--threshold", "2", "--neighbours", "3"))
        .failed(2, "pet round create", "--neighbours must be even");
    Cli.run(environment, concat(create, "--threshold", "6", "--neighbours", "4"))
        .failed(2, "pet round create", "--threshold must be at most --neighbours + 1 = 5");
    Cli.Result created = Cli.run(environment, concat(create, "--threshold", "3", "--neighbours", "4")).succeeded();
    assertThat(created.out()).contains("SecAgg+: each agency masks with 4 neighbours");
    Matcher id = Pattern.compile("round ([0-9a-f-]{36})").matcher(created.out());
    assertThat(id.find()).isTrue();
    String round = id.group(1);
    ExecutorService threads = Executors.newFixedThreadPool(six.size());
    try {
      List<Future<Cli.Result>> runs = new ArrayList<>();
      for (String agency : six) {
        runs.add(threads.submit(() -> join(agency, round, "--max-colluders", "1")));
      }
      for (Future<Cli.Result> run : runs) {
        // council 8, nhs-trust 10, police 7 per band times (i + 1), plus 1 per band times (i + 1) from each extra.
        assertThat(run.get().succeeded().out()).contains("index,sum\n0,28\n1,56\n2,84\n3,112\n");
      }
    } finally {
      threads.shutdown();
    }
  }

  private static String[] concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Each noisy sum is printed with its 95% bound, by the agencies and by pet round result alike. */
  @Test
  void noisyRound_reportsTheAchievedPrivacyAndEachSumsBound() throws Exception {
    String round = createRound("--noise", "discrete-laplace", "--epsilon", "2", "--sensitivity", "1");
    long bound = RoundErrorBound.halfWidth95(DistributedNoise.discreteLaplace(2, 1, 4, 2), 3);
    Pattern row = Pattern.compile("(?m)^[0-3],-?\\d+," + bound + "$");
    for (Cli.Result result : joinAll(round)) {
      assertThat(result.succeeded().out()).contains("privacy: discrete-laplace, epsilon 2.0, delta 0.0",
          "95% bound: each sum is within ±" + bound + " of the included agencies' true total with probability at "
              + "least 0.95 (the noise of 3 agencies)", "index,sum,bound95\n");
      assertThat(row.matcher(result.out()).results().count()).isEqualTo(4);
    }
    Cli.Result printed = Cli.run("round", "result", "--server", server.uri().toString(), "--round", round)
        .succeeded();
    assertThat(printed.out()).contains("95% bound: each sum is within ±" + bound, "index,sum,bound95\n");
    assertThat(row.matcher(printed.out()).results().count()).isEqualTo(4);
  }

  /** A running round: who answered the open phase, who it waits for and until when; no result yet. */
  @Test
  void statusAndResult_runningRound_sayTheOpenPhaseWhoAnsweredAndWhoIsAwaited() throws Exception {
    String round = createRound();
    councilSendsItsKeys(round);
    long deadline = server.admin().get("/v1/rounds/" + round).path("deadline").asLong();
    String local = RoundStatus.localTime(Instant.ofEpochMilli(deadline));
    assertThat(Cli.run("round", "status", "--server", server.uri().toString(), "--round", round).succeeded().out())
        .contains("round " + round + ": keys\n", "answered the open phase: council\n",
            "waiting for: nhs-trust, police\n", "phase deadline: " + local + "\n");
    Cli.run("round", "result", "--server", server.uri().toString(), "--round", round).failed(1, "pet round result",
        "round " + round + " has no result yet: it is in phase keys, 1 of 3 answered; waiting for nhs-trust, police "
            + "until " + local);
  }

  /**
   * A failed round: status and result say which phase failed, when (local time) and who had not answered,
   * in one line without JSON; the result exits 1. The round fails without a deadline: the administrator
   * closes its first phase with one answer of the two it needs.
   */
  @Test
  void statusAndResult_failedRound_sayWhichPhaseFailedWhenAndWhoWasMissing() throws Exception {
    String round = createRound();
    councilSendsItsKeys(round);
    server.admin().post("/v1/rounds/" + round + "/close-phase", Map.of());
    String failedAt = RoundStatus.localTime(Instant.parse(server.admin().get("/v1/rounds/" + round)
        .path("failedAt").asText()));
    String line = "round " + round + " failed in phase keys at " + failedAt + ": U1 (keys advertised) has 1 participants, "
        + "fewer than the threshold 2; no answer from nhs-trust, police";
    assertThat(Cli.run("round", "status", "--server", server.uri().toString(), "--round", round).succeeded().out())
        .contains("round " + round + ": failed\n", line + "\n")
        .doesNotContain("answered the open phase", "waiting for", "deadline", "{");
    Cli.Result result = Cli.run("round", "result", "--server", server.uri().toString(), "--round", round)
        .failed(1, "pet round result", line);
    assertThat(result.err()).doesNotContain("{", "Exception");
  }

  private void councilSendsItsKeys(String round) throws Exception {
    AgencyKeyFile council = AgencyKeyFile.read(directory.resolve("council.key"));
    new AgencyClient(server.uri(), "council", council.key()).join(round, new long[4], AgencyClient.Phase.KEYS,
        phase -> { });
  }

  @Test
  void badInput_exitsTwoAndNothingIsSubmitted() throws Exception {
    String round = createRound();
    Files.writeString(directory.resolve("council.csv"), "band,value\nband-0,1\nband-1,two\nband-2,3\nband-3,4\n");
    join("council", round).failed(2, "pet agency join", "council.csv:3: column value: \"two\" is not a whole number");
    Files.writeString(directory.resolve("council.csv"), "band,value\nband-0,1\nband-1,2\n");
    join("council", round).failed(2, "pet agency join", "has 2 values in column value but round " + round
        + " sums vectors of length 4");
    join("police", round, "--column", "count").failed(2, "pet agency join", "no column \"count\"");
    Files.writeString(directory.resolve("bad.key"), "{\"agency\": \"police\"}");
    Cli.run("agency", "join", "--server", server.uri().toString(), "--round", round, "--key",
        directory.resolve("bad.key").toString(), "--input", directory.resolve("police.csv").toString())
        .failed(2, "pet agency join", "is not a pet agency key file");
    Cli.run("agency", "join", "--server", "ftp://x", "--round", round, "--key",
        directory.resolve("police.key").toString(), "--input", directory.resolve("police.csv").toString())
        .failed(2, "pet agency join", "--server must be an http");
    assertThat(server.admin().get("/v1/rounds/" + round).path("answered")).isEmpty();
  }

  @Test
  void join_outputInAMissingDirectory_exitsTwoBeforeSendingAnything() throws Exception {
    try (RecordingServer recording = new RecordingServer()) {
      Path output = directory.resolve("missing/sum.csv");
      Cli.run("agency", "join", "--server", recording.url(), "--round", "r1", "--key",
          directory.resolve("police.key").toString(), "--input", directory.resolve("police.csv").toString(),
          "--output", output.toString()).failed(2, "pet agency join", "--output: no such directory: "
              + output.getParent());
      assertThat(recording.requests()).isZero();
    }
  }

  @Test
  void aKeyTheRoundDoesNotList_failsWithExitOne() throws Exception {
    String round = createRound();
    AgencyKeyFile.generate("police").write(directory.resolve("impostor.key"));
    Cli.run("agency", "join", "--server", server.uri().toString(), "--round", round, "--key",
        directory.resolve("impostor.key").toString(), "--input", directory.resolve("police.csv").toString())
        .failed(1, "pet agency join", "lists a different identity key for police");
  }

  @Test
  void agencyRegister_registersThePrintedPublicKey_andRefusesBadOnes() throws Exception {
    AgencyKeyFile identity = AgencyKeyFile.generate("dwp");
    String url = server.uri().toString();
    Cli.run(environment, "agency", "register", "--server", url, "--agency", "dwp", "--public-key",
        identity.publicKeyBase64()).succeeded();
    Cli.run(environment, "agency", "register", "--server", url, "--agency", "dwp", "--public-key",
        identity.publicKeyBase64()).failed(1, "pet agency register", "already registered");
    Cli.run(environment, "agency", "register", "--server", url, "--agency", "hmrc", "--public-key", "c2hvcnQ")
        .failed(2, "pet agency register", "--public-key: the key is not a 32-byte Ed25519 public key");
    Cli.run(environment, "round", "create", "--server", url, "--participants", "dwp,police",
        "--threshold", "2", "--vector-length", "4").succeeded();
  }

  /**
   * One key in 64 starts with "-" in base64url, and one in 4,096 with "-h" or "-V", which picocli took for
   * the help or version option clustered with other letters: such an agency could not register.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-h", "-V"})
  void agencyRegister_keyThatLooksLikeAnOption_isTakenAsTheKey(String prefix) throws Exception {
    AgencyKeyFile identity;
    do {
      identity = AgencyKeyFile.generate("dwp");
    } while (!identity.publicKeyBase64().startsWith(prefix));
    Cli.run(environment, "agency", "register", "--server", server.uri().toString(), "--agency", "dwp",
        "--public-key", identity.publicKeyBase64()).succeeded();
  }

  @Test
  void analystRegister_printsATokenThatQueriesButCannotAdminister() {
    String url = server.uri().toString();
    Cli.Result registered = Cli.run(environment, "analyst", "register", "--server", url, "--id", "r.khan.ons")
        .succeeded();
    Matcher token = Pattern.compile("token \\(shown once[^)]*\\): (pet_\\S+)").matcher(registered.out());
    assertThat(token.find()).as(registered.out()).isTrue();
    Cli.run(Map.of("PET_ADMIN_TOKEN", token.group(1)), "round", "create", "--server", url, "--participants",
        "council,police", "--threshold", "2", "--vector-length", "4").failed(1, "pet round create", "401");
    Cli.run(environment, "analyst", "register", "--server", url, "--id", "admin")
        .failed(2, "pet analyst register", "--id must be");
  }

  @Test
  void roundCreate_validatesBeforeSending() {
    String url = server.uri().toString();
    Cli.run(environment, "round", "create", "--server", url, "--participants", "council,council",
        "--threshold", "2", "--vector-length", "4").failed(2, "pet round create", "--participants");
    Cli.run(environment, "round", "create", "--server", url, "--participants", "council,police",
        "--threshold", "3", "--vector-length", "4").failed(2, "pet round create", "--threshold must be in [2, 2]");
    Cli.run(environment, "round", "create", "--server", url, "--participants", "council,police",
        "--threshold", "2", "--vector-length", "4", "--noise", "discrete-gaussian", "--epsilon", "1",
        "--sensitivity", "1").failed(2, "pet round create", "--delta must be in (0, 1) for discrete-gaussian");
    Cli.run(environment, "round", "create", "--server", url, "--participants", "council,police",
        "--threshold", "2", "--vector-length", "4", "--noise", "gaussian", "--epsilon", "1", "--sensitivity", "1")
        .failed(2, "pet round create", "--noise must be discrete-gaussian or discrete-laplace");
    Cli.run(environment, "round", "create", "--server", url, "--participants", "council,police",
        "--threshold", "2", "--vector-length", "4", "--epsilon", "1")
        .failed(2, "pet round create", "--noise");
    Cli.run("round", "create", "--server", url, "--participants", "council,police", "--threshold", "2",
        "--vector-length", "4").failed(2, "pet round create", "PET_ADMIN_TOKEN");
    Cli.run(environment, "round", "create", "--server", url, "--participants", "council,unknown",
        "--threshold", "2", "--vector-length", "4").failed(1, "pet round create", "agency unknown is not registered");
    assertThat(server.admin().get("/v1/transparency/log").path("entries").findValuesAsText("type"))
        .doesNotContain("round-created");
  }
}
