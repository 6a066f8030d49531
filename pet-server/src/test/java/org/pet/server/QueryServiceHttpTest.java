package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DP query service over real HTTP, on embedded H2 and on a real PostgreSQL. */
class QueryServiceHttpTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static EmbeddedPostgres postgres;
  private static Vertx vertx;
  private static WebClient client;

  @TempDir
  Path dataDirectory;

  private PetServer server;
  private int port;

  @BeforeAll
  static void startInfrastructure() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stopInfrastructure() throws Exception {
    client.close();
    vertx.close();
    postgres.close();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private void startServer(String database) throws java.sql.SQLException {
    startServer(database, null);
  }

  private void startServer(String database, String sparkMaster) throws java.sql.SQLException {
    String url = database.equals("postgresql") ? FreshPostgres.url(postgres) : null;
    server = new PetServer();
    port = server.start(new PetServerConfig(0, url, TOKEN, dataDirectory, 1 << 20, sparkMaster));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
    return client.post(port, "localhost", path).putHeader("Authorization", "Bearer " + TOKEN)
        .sendJsonObject(body);
  }

  private JsonObject budget(String id) throws Exception {
    return await(client.get(port, "localhost", "/v1/datasets/" + id + "/budget")
        .putHeader("Authorization", "Bearer " + TOKEN).send()).bodyAsJsonObject();
  }

  /** 300 people in 3 districts, ages 0-17, one row each, plus a second row for the first 50. */
  private static String referralsCsv() {
    StringBuilder csv = new StringBuilder("person,district,age\n");
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 350; i++) {
      csv.append("p").append(i % 300).append(',').append("d").append(random.nextInt(3)).append(',')
          .append(random.nextInt(18)).append('\n');
    }
    return csv.toString();
  }

  private String register(double epsilon, double delta) throws Exception {
    return register(new JsonObject().put("epsilon", epsilon).put("delta", delta));
  }

  private String register(JsonObject budget) throws Exception {
    HttpResponse<Buffer> response = await(post("/v1/datasets", new JsonObject().put("name", "referrals")
        .put("unitColumn", "person").put("csv", referralsCsv()).put("budget", budget)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  @Test
  void queries_answerWithNoiseChargeTheBudgetAndAreLogged() throws Exception {
    startServer("h2");
    String id = register(10, 1e-5);
    JsonObject count = await(post("/v1/datasets/" + id + "/queries",
        new JsonObject().put("type", "count").put("epsilon", 1.0))).bodyAsJsonObject();
    // 300 people, one row each counted: Laplace scale 1, 30 scales never happen.
    assertThat(count.getLong("value")).isBetween(270L, 330L);
    assertThat(count.getJsonArray("confidenceInterval95")).hasSize(2);
    assertThat(count.getJsonObject("budget").getDouble("remainingEpsilon")).isEqualTo(9.0);
    JsonObject mean = await(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "mean")
        .put("column", "age").put("lower", 0).put("upper", 18).put("epsilon", 2.0))).bodyAsJsonObject();
    assertThat(mean.getDouble("value")).isBetween(5.0, 12.0);
    JsonObject median = await(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "quantile")
        .put("column", "age").put("lower", 0).put("upper", 18).put("rank", 0.5).put("epsilon", 2.0))).bodyAsJsonObject();
    assertThat(median.getDouble("value")).isBetween(3.0, 15.0);
    JsonObject histogram = await(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "histogram")
        .put("groupBy", "district").put("keys", new JsonArray().add("d0").add("d1").add("d2").add("d9"))
        .put("epsilon", 1.0))).bodyAsJsonObject();
    assertThat(histogram.getJsonObject("groups").fieldNames()).containsExactlyInAnyOrder("d0", "d1", "d2", "d9");
    assertThat(budget(id).getDouble("spentEpsilon")).isEqualTo(6.0);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    assertThat(log.stream().map(e -> ((JsonObject) e).getString("type")))
        .containsExactly("dataset-registered", "query", "query", "query", "query");
    // The public entry states nothing computed from the data: no row count (one unit's k rows would move it
    // by exactly k), only the name, the unit column and the budget.
    JsonObject registered = log.getJsonObject(0).getJsonObject("payload");
    assertThat(registered.fieldNames()).doesNotContain("rows").containsExactlyInAnyOrder("dataset", "name",
        "unitColumn", "budgetEpsilon", "budgetDelta", "budgetPer", "budgetEpsilonNano", "budgetDeltaAtto");
    assertThat(log.encode()).doesNotContain("p17,").doesNotContain("person,district");
  }

  @Test
  void sparkDataset_withoutTheEngine_isRefusedWith422AndNothingIsRegistered() throws Exception {
    startServer("h2");
    JsonObject body = new JsonObject().put("name", "claims").put("unitColumn", "person").put("engine", "spark")
        .put("path", dataDirectory.resolve("claims.parquet").toString()).put("format", "parquet")
        .put("budget", new JsonObject().put("epsilon", 1.0));
    HttpResponse<Buffer> refused = await(post("/v1/datasets", body));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("engine spark").contains("--spark-master");
    HttpResponse<Buffer> badFormat = await(post("/v1/datasets", body.copy().put("format", "orc")));
    assertThat(badFormat.statusCode()).isEqualTo(400);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    assertThat(log).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void engineFailingAfterTheCharge_answers503AndTheChargeStands(String database) throws Exception {
    // On both databases: an external dataset's source row (migration V9) is stored with the registration.
    startServer(database, "any-master");
    HttpResponse<Buffer> registered = await(post("/v1/datasets", new JsonObject().put("name", "claims")
        .put("unitColumn", "person").put("engine", "failing").put("path", "/anywhere").put("format", "parquet")
        .put("budget", new JsonObject().put("epsilon", 2.0))));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    String id = registered.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> failed = await(post("/v1/datasets/" + id + "/queries",
        new JsonObject().put("type", "count").put("epsilon", 0.5)));
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.bodyAsJsonObject().getString("detail")).contains("charge stands");
    assertThat(budget(id).getDouble("spentEpsilon")).isEqualTo(0.5);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    assertThat(log.stream().map(e -> ((JsonObject) e).getString("type"))).containsExactly("dataset-registered",
        "query");
    HttpResponse<Buffer> textColumn = await(post("/v1/datasets/" + id + "/queries", new JsonObject()
        .put("type", "sum").put("column", "person").put("lower", 0).put("upper", 1).put("epsilon", 0.5)));
    assertThat(textColumn.statusCode()).isEqualTo(422);
    assertThat(budget(id).getDouble("spentEpsilon")).isEqualTo(0.5);
  }

  @Test
  void badQueries_getTheDocumentedProblemAndChargeNothing() throws Exception {
    startServer("h2");
    String id = register(1, 0);
    String path = "/v1/datasets/" + id + "/queries";
    assertThat(await(post(path, new JsonObject().put("type", "count"))).statusCode()).isEqualTo(400);
    assertThat(await(post(path, new JsonObject().put("type", "count").put("epsilon", -1))).bodyAsJsonObject()
        .getString("detail")).contains("`epsilon`");
    assertThat(await(post(path, new JsonObject().put("type", "median").put("epsilon", 1))).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> badBounds = await(post(path, new JsonObject().put("type", "sum").put("column", "age")
        .put("lower", 5).put("upper", 5).put("epsilon", 0.5)));
    assertThat(badBounds.statusCode()).isEqualTo(422);
    assertThat(badBounds.bodyAsJsonObject().getString("detail")).contains("`lower` must be < `upper`");
    assertThat(await(post(path, new JsonObject().put("type", "sum").put("column", "height").put("lower", 0)
        .put("upper", 5).put("epsilon", 0.5))).bodyAsJsonObject().getString("detail")).contains("`column` height");
    assertThat(await(post("/v1/datasets/nope/queries", new JsonObject().put("type", "count").put("epsilon", 0.5)))
        .statusCode()).isEqualTo(404);
    HttpResponse<Buffer> tooExpensive = await(post(path, new JsonObject().put("type", "count").put("epsilon", 1.5)));
    assertThat(tooExpensive.statusCode()).isEqualTo(403);
    assertThat(budget(id).getDouble("spentEpsilon")).isZero();
    HttpResponse<Buffer> badCsv = await(post("/v1/datasets", new JsonObject().put("name", "x").put("unitColumn", "a")
        .put("csv", "a,b\n1,2\n3\n").put("budget", new JsonObject().put("epsilon", 1))));
    assertThat(badCsv.statusCode()).isEqualTo(400);
    assertThat(badCsv.bodyAsJsonObject().getString("detail")).contains("line 3");
  }

  /** Laplace queries spend no delta: asking for one is refused (it would be charged for nothing). */
  @Test
  void pureQueriesWithADelta_422_andNoDeltaCharged() throws Exception {
    startServer("h2");
    String id = register(10, 1e-3);
    String path = "/v1/datasets/" + id + "/queries";
    List<JsonObject> pure = List.of(new JsonObject().put("type", "count"),
        new JsonObject().put("type", "sum").put("column", "age").put("lower", 0).put("upper", 18),
        new JsonObject().put("type", "histogram").put("groupBy", "district").put("keys", new JsonArray().add("d0")));
    for (JsonObject query : pure) {
      HttpResponse<Buffer> refused = await(post(path, query.copy().put("epsilon", 0.1).put("delta", 1e-4)));
      assertThat(refused.statusCode()).as(query.encode()).isEqualTo(422);
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("`delta` is not used");
      assertThat(await(post(path, query.copy().put("epsilon", 0.1))).statusCode()).isEqualTo(200);
    }
    assertThat(budget(id).getDouble("spentDelta")).isZero();
    // Partition selection does spend delta, and is charged it.
    assertThat(await(post(path, new JsonObject().put("type", "histogram").put("groupBy", "district")
        .put("epsilon", 0.5).put("delta", 1e-5))).statusCode()).isEqualTo(200);
    assertThat(budget(id).getDouble("spentDelta")).isEqualTo(1e-5);
  }

  /** A numeric query over a text column is refused before any charge; blank cells are skipped. */
  @Test
  void numericQueryOverATextColumn_422NamingTheColumn_andNothingCharged() throws Exception {
    startServer("h2");
    HttpResponse<Buffer> registered = await(post("/v1/datasets", new JsonObject().put("name", "referrals")
        .put("unitColumn", "person").put("csv", referralsCsv()).put("budget", new JsonObject().put("epsilon", 1))));
    assertThat(registered.bodyAsJsonObject().getJsonArray("numericColumns").getList()).containsExactly("age");
    String id = registered.bodyAsJsonObject().getString("id");
    for (String type : List.of("sum", "mean", "variance", "quantile")) {
      HttpResponse<Buffer> refused = await(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", type)
          .put("column", "district").put("lower", 0).put("upper", 10).put("rank", 0.5).put("epsilon", 0.1)));
      assertThat(refused.statusCode()).as(type).isEqualTo(422);
      // The detail names the dataset by its random UUID, which may itself contain "d0": leave it out.
      assertThat(refused.bodyAsJsonObject().getString("detail").replace(id, "<id>"))
          .contains("`column` district is a text column").doesNotContain("d0");
    }
    assertThat(budget(id).getDouble("spentEpsilon")).isZero();
    // A blank age: the column stays numeric and the blank cell contributes nothing.
    String withBlank = "person,age\np1,4\np2,\np3,6\n";
    JsonObject blanks = await(post("/v1/datasets", new JsonObject().put("name", "b").put("unitColumn", "person")
        .put("csv", withBlank).put("numericColumns", new JsonArray().add("age"))
        .put("budget", new JsonObject().put("epsilon", 1)))).bodyAsJsonObject();
    assertThat(blanks.getJsonArray("numericColumns").getList()).containsExactly("age");
    // The administrator states a column numeric that is not: refused, naming the column and the line only.
    HttpResponse<Buffer> stated = await(post("/v1/datasets", new JsonObject().put("name", "x").put("unitColumn", "person")
        .put("csv", referralsCsv()).put("numericColumns", new JsonArray().add("age").add("district"))
        .put("budget", new JsonObject().put("epsilon", 1))));
    assertThat(stated.statusCode()).isEqualTo(400);
    assertThat(stated.bodyAsJsonObject().getString("detail")).contains("column district is not numeric: line 2")
        .doesNotContain("d0").doesNotContain("d1").doesNotContain("d2");
  }

  /** 100 parallel queries of epsilon 0.1 against a budget of 5: exactly 50 answered, spent exactly 5. */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void concurrentQueries_neverOverspend(String database) throws Exception {
    startServer(database);
    String id = register(5, 0);
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      responses.add(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "count").put("epsilon", 0.1)));
    }
    int answered = 0;
    int refused = 0;
    for (Future<HttpResponse<Buffer>> response : responses) {
      int status = await(response).statusCode();
      answered += status == 200 ? 1 : 0;
      refused += status == 403 ? 1 : 0;
    }
    assertThat(answered).isEqualTo(50);
    assertThat(refused).isEqualTo(50);
    JsonObject budget = budget(id);
    assertThat(budget.getDouble("spentEpsilon")).isEqualTo(5.0);
    assertThat(budget.getDouble("remainingEpsilon")).isZero();
  }

  private String analyst(String id) throws Exception {
    HttpResponse<Buffer> response = await(post("/v1/analysts", new JsonObject().put("id", id)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("token");
  }

  private Future<HttpResponse<Buffer>> queryAs(String token, String dataset, double epsilon) {
    return client.post(port, "localhost", "/v1/datasets/" + dataset + "/queries")
        .putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("type", "count").put("epsilon", epsilon));
  }

  private JsonObject budgetAs(String token, String dataset) throws Exception {
    return await(client.get(port, "localhost", "/v1/datasets/" + dataset + "/budget")
        .putHeader("Authorization", "Bearer " + token).send()).bodyAsJsonObject();
  }

  /**
   * Analysts query with their own tokens, never the administrator's: a shared budget is spent by all of
   * them together, a per-analyst budget by each alone - and 2 x 50 parallel queries of 0.1 against
   * per-analyst budgets of 2 answer exactly 20 for each analyst.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void analysts_haveTheirOwnTokensAndLedgers(String database) throws Exception {
    startServer(database);
    String alice = analyst("alice-" + database);
    String bob = analyst("bob-" + database);
    assertThat(alice).isNotEqualTo(bob).startsWith("pet_");
    assertThat(await(post("/v1/analysts", new JsonObject().put("id", "alice-" + database))).statusCode())
        .isEqualTo(409);
    assertThat(await(post("/v1/analysts", new JsonObject().put("id", "admin"))).statusCode()).isEqualTo(400);
    // Shared: bob sees what alice spent.
    String shared = register(new JsonObject().put("epsilon", 1.0));
    assertThat(await(queryAs(alice, shared, 0.75)).statusCode()).isEqualTo(200);
    assertThat(budgetAs(bob, shared).getDouble("remainingEpsilon")).isEqualTo(0.25);
    assertThat(await(queryAs(bob, shared, 0.5)).statusCode()).isEqualTo(403);
    // Per analyst, concurrently.
    String own = register(new JsonObject().put("epsilon", 2.0).put("per", "analyst"));
    List<Future<HttpResponse<Buffer>>> aliceAnswers = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> bobAnswers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      aliceAnswers.add(queryAs(alice, own, 0.1));
      bobAnswers.add(queryAs(bob, own, 0.1));
    }
    assertThat(answered(aliceAnswers)).isEqualTo(20);
    assertThat(answered(bobAnswers)).isEqualTo(20);
    JsonObject aliceBudget = budgetAs(alice, own);
    assertThat(aliceBudget.getString("budgetPer")).isEqualTo("analyst");
    assertThat(aliceBudget.getDouble("spentEpsilon")).isEqualTo(2.0);
    assertThat(aliceBudget.getValue("ledgers")).isNull(); // only the administrator sees every ledger
    JsonObject ledgers = budget(own).getJsonObject("ledgers");
    assertThat(ledgers.fieldNames()).containsExactlyInAnyOrder("alice-" + database, "bob-" + database);
    // Who may do what.
    assertThat(await(queryAs("pet_not-a-token", own, 0.1)).statusCode()).isEqualTo(401);
    assertThat(await(client.post(port, "localhost", "/v1/datasets").putHeader("Authorization", "Bearer " + alice)
        .sendJsonObject(new JsonObject().put("name", "x"))).statusCode()).isEqualTo(401);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log?limit=1000").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    assertThat(log.stream().map(e -> ((JsonObject) e).getJsonObject("payload").getString("analyst")))
        .contains("alice-" + database, "bob-" + database);
    assertThat(log.encode()).doesNotContain(alice).doesNotContain(bob);
    assertThat(await(client.get(port, "localhost", "/metrics").send()).bodyAsString())
        .contains("pet_epsilon_spent_total{source=\"query\"} 4.75");
  }

  /**
   * Analysts who pool their answers spend k times a per-analyst budget; a cap on all analysts together
   * bounds that, exactly under concurrency, and the log's ledger audit holds it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void analystsCap_boundsWhatAllAnalystsSpendTogether(String database) throws Exception {
    startServer(database);
    String alice = analyst("alice-cap-" + database);
    String bob = analyst("bob-cap-" + database);
    String capped = register(new JsonObject().put("epsilon", 1.0).put("per", "analyst")
        .put("analystsCap", new JsonObject().put("epsilon", 1.5)));
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      answers.add(queryAs(alice, capped, 0.1));
      answers.add(queryAs(bob, capped, 0.1));
    }
    assertThat(answered(answers)).isEqualTo(15);
    JsonObject ledgers = budget(capped).getJsonObject("ledgers");
    assertThat(ledgers.getJsonObject("*").getDouble("spentEpsilon")).isEqualTo(1.5);
    assertThat(ledgers.getJsonObject("alice-cap-" + database).getDouble("spentEpsilon")
        + ledgers.getJsonObject("bob-cap-" + database).getDouble("spentEpsilon")).isCloseTo(1.5, within(1e-9));
    HttpResponse<Buffer> refused = await(queryAs(alice, capped, 0.1));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("the cap on all analysts");
    assertThat(await(client.get(port, "localhost", "/v1/transparency/log/verify").send()).bodyAsJsonObject()
        .getBoolean("valid")).isTrue();
    assertThat(await(post("/v1/datasets", new JsonObject().put("name", "x").put("unitColumn", "person")
        .put("csv", referralsCsv()).put("budget", new JsonObject().put("epsilon", 1)
            .put("analystsCap", new JsonObject().put("epsilon", 2))))).statusCode()).isEqualTo(400);
  }

  private static int answered(List<Future<HttpResponse<Buffer>>> responses) throws Exception {
    int answered = 0;
    for (Future<HttpResponse<Buffer>> response : responses) {
      int status = await(response).statusCode();
      assertThat(status).isIn(200, 403);
      answered += status == 200 ? 1 : 0;
    }
    return answered;
  }

  /** A dataset read from a file under <data dir>/datasets; nothing outside that directory is readable. */
  @Test
  void datasetFromAServerSidePath_isConfinedToTheDatasetsDirectory() throws Exception {
    startServer("h2");
    Path datasets = Files.createDirectories(dataDirectory.resolve("datasets"));
    Files.writeString(datasets.resolve("referrals.csv"), referralsCsv());
    Files.writeString(dataDirectory.resolve("secret.csv"), "person,x\np1,1\n");
    JsonObject budget = new JsonObject().put("epsilon", 1.0);
    HttpResponse<Buffer> registered = await(post("/v1/datasets", new JsonObject().put("name", "file")
        .put("unitColumn", "person").put("path", "referrals.csv").put("budget", budget)));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    assertThat(registered.bodyAsJsonObject().getInteger("rows")).isEqualTo(350);
    String id = registered.bodyAsJsonObject().getString("id");
    Files.delete(datasets.resolve("referrals.csv")); // the content was copied at registration
    assertThat(await(post("/v1/datasets/" + id + "/queries", new JsonObject().put("type", "count")
        .put("epsilon", 0.5))).statusCode()).isEqualTo(200);
    Files.createSymbolicLink(datasets.resolve("link.csv"), dataDirectory.resolve("secret.csv"));
    for (String path : List.of("../secret.csv", dataDirectory.resolve("secret.csv").toString(), "a/../../secret.csv")) {
      HttpResponse<Buffer> refused = await(post("/v1/datasets", new JsonObject().put("name", "x")
          .put("unitColumn", "person").put("path", path).put("budget", budget)));
      assertThat(refused.statusCode()).as(path).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("`path`");
    }
    for (String path : List.of("missing.csv", "link.csv")) {
      HttpResponse<Buffer> missing = await(post("/v1/datasets", new JsonObject().put("name", "x")
          .put("unitColumn", "person").put("path", path).put("budget", budget)));
      assertThat(missing.statusCode()).as(path).isEqualTo(422);
      assertThat(missing.bodyAsString()).doesNotContain(dataDirectory.toString());
    }
    HttpResponse<Buffer> both = await(post("/v1/datasets", new JsonObject().put("name", "x").put("unitColumn", "person")
        .put("path", "referrals.csv").put("csv", "person\n").put("budget", budget)));
    assertThat(both.statusCode()).isEqualTo(400);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    assertThat(log.stream().filter(e -> ((JsonObject) e).getString("type").equals("dataset-registered"))).hasSize(1);
  }
}
