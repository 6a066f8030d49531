package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pet dataset register} and {@code pet query} against an embedded server; bad input against a
 * recording server that must receive nothing.
 */
class DatasetAndQueryCommandTest {

  private static EmbeddedServer server;
  private static RecordingServer recorder;

  @TempDir
  Path directory;

  private Path csv;

  @BeforeAll
  static void startServers() throws Exception {
    server = EmbeddedServer.start();
    recorder = new RecordingServer();
  }

  @AfterAll
  static void stopServers() {
    server.close();
    recorder.close();
  }

  /** 300 claimants: ids, a region (a, b, c), an amount 0..290. */
  @BeforeEach
  void writeCsv() throws Exception {
    StringBuilder text = new StringBuilder("claimant,region,amount\n");
    for (int i = 0; i < 300; i++) {
      text.append("c").append(i).append(',').append("abc".charAt(i % 3)).append(',').append(i % 30 * 10).append('\n');
    }
    csv = directory.resolve("claims.csv");
    Files.writeString(csv, text);
  }

  /** {@code pet dataset register} of the CSV file with a budget of epsilon 1, options replaced by {@code overrides}. */
  private Cli.Result register(String server, String token, String... overrides) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--server", server);
    options.put("--token", token);
    options.put("--name", "claims");
    options.put("--unit-column", "claimant");
    options.put("--csv", csv.toString());
    options.put("--budget-epsilon", "1");
    return Cli.run(Cli.args(List.of("dataset", "register"), options, overrides));
  }

  private Cli.Result register(String budgetEpsilon) {
    return register(server.uri().toString(), server.adminToken(), "--budget-epsilon", budgetEpsilon);
  }

  /** A registration sent to the recording server, which must receive nothing. */
  private Cli.Result rejectedRegistration(String... overrides) {
    Cli.Result result = register(recorder.url(), "t", overrides);
    assertThat(recorder.requests()).as("requests sent").isZero();
    return result;
  }

  private String registered(String budgetEpsilon) {
    Matcher id = Pattern.compile("registered dataset (\\S+) \\(300 rows; columns claimant, region, amount; "
        + "budget epsilon " + Double.parseDouble(budgetEpsilon) + ", delta 0.0, per dataset\\)")
        .matcher(register(budgetEpsilon).succeeded().out());
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  private static Cli.Result query(Map<String, String> environment, String server, String... options) {
    List<String> args = new ArrayList<>(List.of("query", "--server", server));
    args.addAll(List.of(options));
    return Cli.run(environment, args.toArray(String[]::new));
  }

  private Cli.Result query(String... options) {
    return query(Map.of("PET_ADMIN_TOKEN", server.adminToken()), server.uri().toString(), options);
  }

  /** A query to the recording server, which must receive nothing. */
  private static Cli.Result rejected(String... options) {
    Cli.Result result = query(Map.of("PET_ADMIN_TOKEN", "t".repeat(20)), recorder.url(), options);
    assertThat(recorder.requests()).as("requests sent").isZero();
    return result;
  }

  @Test
  void registerThenQuery_answersAndReportsTheRemainingBudget() {
    String id = registered("2");
    Cli.Result count = query("--dataset", id, "--type", "count", "--epsilon", "0.5").succeeded();
    assertThat(count.out()).containsPattern("(?m)^count: -?\\d+$")
        .containsPattern("(?m)^95% confidence interval: \\[-?\\d+, -?\\d+\\]$")
        .contains("charged: epsilon 0.5, delta 0.0")
        .contains("budget: spent epsilon 0.5 of 2.0, delta 0.0 of 0.0; remaining epsilon 1.5, delta 0.0");

    Cli.Result mean = query("--dataset", id, "--type", "MEAN", "--column", "amount", "--lower", "0", "--upper",
        "300", "--epsilon", "0.5").succeeded();
    Matcher value = Pattern.compile("(?m)^mean: (\\S+)$").matcher(mean.out());
    assertThat(value.find()).isTrue();
    assertThat(Double.parseDouble(value.group(1))).isBetween(0.0, 300.0);

    Cli.Result histogram = query("--dataset", id, "--type", "histogram", "--group-by", "region", "--keys", "a,b,c",
        "--epsilon", "0.5").succeeded();
    assertThat(histogram.out()).contains("histogram of region (noisy counts):").containsPattern("(?m)^  a: -?\\d+$")
        .containsPattern("(?m)^  c: -?\\d+$").contains("remaining epsilon 0.5,");
  }

  @Test
  void query_roundsForReadingByDefault_andFullPrecisionPrintsEveryDigit() {
    String id = registered("3");
    Cli.Result sum = query("--dataset", id, "--type", "sum", "--column", "amount", "--lower", "0", "--upper", "300",
        "--epsilon", "0.1").succeeded();
    assertThat(sum.out()).containsPattern("(?m)^sum: -?\\d+\\.\\d{2}$")
        .containsPattern("(?m)^95% confidence interval: \\[-?\\d+\\.\\d{2}, -?\\d+\\.\\d{2}\\]$");
    Cli.Result second = query("--dataset", id, "--type", "count", "--epsilon", "0.2").succeeded();
    assertThat(second.out()).containsPattern("(?m)^count: -?\\d+$")
        .contains("budget: spent epsilon 0.3 of 3.0, delta 0.0 of 0.0; remaining epsilon 2.7,");

    Cli.Result full = query("--dataset", id, "--type", "mean", "--column", "amount", "--lower", "0", "--upper",
        "300", "--epsilon", "0.5", "--full-precision").succeeded();
    Matcher value = Pattern.compile("(?m)^mean: (\\S+)$").matcher(full.out());
    assertThat(value.find()).isTrue();
    // A noisy mean has (almost surely) more than two decimals; with this seed-free noise the chance that it has
    // at most two is below 1e-10 (the noise lies on a grid of about 2^-40 times the bound).
    assertThat(value.group(1)).matches("-?\\d+\\.\\d{3,}(E-?\\d+)?");
    assertThat(full.out()).contains("budget: spent epsilon 0.8 of 3.0");
  }

  @Test
  void query_withAnAnalystsToken_isAnsweredAndCharged() {
    String id = registered("2");
    String analyst = server.admin().post("/v1/analysts", Map.of("id", "researcher-1")).path("token").asText();
    Cli.Result result = query(Map.of(), server.uri().toString(), "--token", analyst, "--dataset", id, "--type",
        "count", "--epsilon", "0.5").succeeded();
    assertThat(result.out()).contains("budget: spent epsilon 0.5 of 2.0");
    assertThat(server.admin().get("/v1/datasets/" + id + "/budget").path("spentEpsilon").asDouble()).isEqualTo(0.5);
  }

  /** A numeric query over a text column is refused by the server before any charge: exit 1, naming it. */
  @Test
  void query_meanOfATextColumn_isRefusedWithExitOne_andChargesNothing() {
    assertThat(register("2").succeeded().out())
        .contains("numeric columns (sum, mean, variance and quantile take only these): amount");
    String id = registered("2");
    query("--dataset", id, "--type", "mean", "--column", "region", "--lower", "0", "--upper", "10", "--epsilon",
        "0.1").failed(1, "pet query", "`column` region is a text column");
    assertThat(server.admin().get("/v1/datasets/" + id + "/budget").path("spentEpsilon").asDouble()).isZero();
  }

  @Test
  void query_beyondTheRemainingBudget_isRefusedWithExitOne() {
    String id = registered("1");
    query("--dataset", id, "--type", "count", "--epsilon", "1.5")
        .failed(1, "pet query", "403 the query needs epsilon 1.5");
  }

  @Test
  void query_wrongToken_orUnknownDataset_exitsOne() {
    String id = registered("1");
    query(Map.of(), server.uri().toString(), "--token", "not-the-admin-token", "--dataset", id, "--type", "count",
        "--epsilon", "0.1").failed(1, "pet query", "401");
    query("--dataset", "no-such-dataset", "--type", "count", "--epsilon", "0.1").failed(1, "pet query", "404");
  }

  @Test
  void query_withoutToken_exitsTwo() {
    query(Map.of(), recorder.url(), "--dataset", "d", "--type", "count", "--epsilon", "1")
        .failed(2, "pet query", "a bearer token is required: give --token or set PET_ADMIN_TOKEN");
    assertThat(recorder.requests()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0.5", "NaN", "Infinity"})
  void query_epsilonNotFinitePositive_exitsTwoAndSendsNothing(String epsilon) {
    rejected("--dataset", "d", "--type", "count", "--epsilon", epsilon)
        .failed(2, "pet query", "--epsilon must be finite and > 0, was ");
  }

  @Test
  void query_nonNumericValues_exitTwoAndSendNothing() {
    rejected("--dataset", "d", "--type", "count", "--epsilon", "a lot").failed(2, "pet query", "'a lot'");
    rejected("--dataset", "d", "--type", "sum", "--column", "x", "--lower", "zero", "--upper", "1", "--epsilon", "1")
        .failed(2, "pet query", "'zero'");
  }

  @Test
  void query_shapeErrors_exitTwoAndSendNothing() {
    rejected("--dataset", "d", "--type", "mean", "--column", "x", "--upper", "1", "--epsilon", "1")
        .failed(2, "pet query", "--type mean needs --lower");
    rejected("--dataset", "d", "--type", "sum", "--column", "x", "--lower", "2", "--upper", "1", "--epsilon", "1")
        .failed(2, "pet query", "--upper must be > --lower (2.0), was 1.0");
    rejected("--dataset", "d", "--type", "quantile", "--column", "x", "--lower", "0", "--upper", "1", "--epsilon", "1")
        .failed(2, "pet query", "--type quantile needs --rank");
    rejected("--dataset", "d", "--type", "quantile", "--column", "x", "--lower", "0", "--upper", "1", "--rank", "1.5",
        "--epsilon", "1").failed(2, "pet query", "--rank must be in [0, 1], was 1.5");
    rejected("--dataset", "d", "--type", "count", "--column", "x", "--epsilon", "1")
        .failed(2, "pet query", "--column does not apply to --type count");
    rejected("--dataset", "d", "--type", "histogram", "--group-by", "r", "--epsilon", "1")
        .failed(2, "pet query", "--delta must be > 0 for a histogram without --keys");
    rejected("--dataset", "d", "--type", "median", "--epsilon", "1").failed(2, "pet query", "'median'");
    rejected("--dataset", "../admin", "--type", "count", "--epsilon", "1").failed(2, "pet query", "--dataset must be");
    rejected("--dataset", "d", "--type", "count", "--epsilon", "1", "--delta", "1")
        .failed(2, "pet query", "--delta must be in [0, 1), was 1.0");
    rejected("--dataset", "d", "--type", "count", "--epsilon", "1", "--delta", "0.001")
        .failed(2, "pet query", "--delta is not used by --type count");
    rejected("--dataset", "d", "--type", "histogram", "--group-by", "r", "--keys", "a,b", "--epsilon", "1",
        "--delta", "0.001").failed(2, "pet query", "--delta is not used by --type histogram with --keys");
  }

  @Test
  void query_badServerAddress_exitsTwo() {
    query(Map.of("PET_ADMIN_TOKEN", "t"), "ftp://x", "--dataset", "d", "--type", "count", "--epsilon", "1")
        .failed(2, "pet query", "--server must be an http:// or https:// address");
  }

  @Test
  void register_missingFile_exitsTwoAndSendsNothing() {
    rejectedRegistration("--csv", directory.resolve("none.csv").toString())
        .failed(2, "pet dataset register", "--csv: no such file");
  }

  @Test
  void register_badRowOrUnknownUnitColumn_exitsTwoAndSendsNothing() throws Exception {
    rejectedRegistration("--unit-column", "id")
        .failed(2, "pet dataset register", "no column \"id\"; the header has claimant, region, amount");
    Files.writeString(csv, "claimant,region\nc1,a\nc2,a,extra\n");
    rejectedRegistration().failed(2, "pet dataset register", csv + ":3: expected 2 fields as in the header, found 3");
  }

  @Test
  void register_budgetOutOfRange_exitsTwoAndSendsNothing() {
    rejectedRegistration("--budget-epsilon", "0")
        .failed(2, "pet dataset register", "--budget-epsilon must be finite and > 0, was 0.0");
    rejectedRegistration("--budget-delta", "-1")
        .failed(2, "pet dataset register", "--budget-delta must be in [0, 1), was -1.0");
  }

  @Test
  void register_serverSideFile_perAnalystBudget() throws Exception {
    Path datasets = Files.createDirectories(server.dataDirectory().resolve("datasets"));
    Files.copy(csv, datasets.resolve("claims.csv"));
    Cli.Result result = Cli.run(Cli.args(List.of("dataset", "register"), Map.of("--server", server.uri().toString(),
        "--token", server.adminToken(), "--name", "claims", "--unit-column", "claimant", "--path", "claims.csv",
        "--budget-epsilon", "1", "--budget-per", "analyst"))).succeeded();
    assertThat(result.out()).contains("(300 rows; columns claimant, region, amount; budget epsilon 1.0, delta 0.0, "
        + "per analyst)");
  }

  @Test
  void register_bothOrNeitherSource_exitsTwoAndSendsNothing() {
    rejectedRegistration("--path", "claims.csv").failed(2, "pet dataset register", "mutually exclusive");
    Cli.run("dataset", "register", "--server", recorder.url(), "--token", "t", "--name", "n", "--unit-column", "c",
        "--budget-epsilon", "1").failed(2, "pet dataset register", "Missing required argument");
    assertThat(recorder.requests()).isZero();
  }

  @Test
  void register_serverRefusal_exitsOne() {
    register(server.uri().toString(), "wrong-token-0123456789").failed(1, "pet dataset register", "POST /v1/datasets failed: 401");
  }
}
