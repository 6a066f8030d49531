package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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

  private void startServer(String database) {
    String url = database.equals("postgresql")
        ? postgres.getJdbcUrl("postgres", "postgres") + "&user=postgres&password=postgres"
        : null;
    server = new PetServer();
    port = server.start(new PetServerConfig(0, url, TOKEN, dataDirectory, 1 << 20));
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
    HttpResponse<Buffer> response = await(post("/v1/datasets", new JsonObject().put("name", "referrals")
        .put("unitColumn", "person").put("csv", referralsCsv())
        .put("budget", new JsonObject().put("epsilon", epsilon).put("delta", delta))));
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
    assertThat(log.encode()).doesNotContain("p17,").doesNotContain("person,district");
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
}
