package org.pet.spark.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pet.server.PetServer;
import org.pet.server.PetServerConfig;

/**
 * The server's spark engine end to end: a pet server on embedded H2 with a local Spark master, datasets
 * registered as Parquet and CSV paths, queries over real HTTP. One Spark session for the class.
 */
class SparkQueryEngineHttpTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static Path directory;
  private static PetServer server;
  private static int port;
  private static Vertx vertx;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    directory = Files.createTempDirectory("pet-spark-server");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("pet-server-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    // 200 people, one row each, in districts d0..d3, with amounts 0..99.
    List<org.apache.spark.sql.Row> rows = new ArrayList<>();
    StringBuilder csv = new StringBuilder("person,district,amount\n");
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create("p" + i, "d" + (i % 4), (double) (i % 100)));
      csv.append("p").append(i).append(",d").append(i % 4).append(',').append(i % 100).append('\n');
    }
    StructType schema = new StructType().add("person", DataTypes.StringType).add("district", DataTypes.StringType)
        .add("amount", DataTypes.DoubleType);
    spark.createDataFrame(rows, schema).write().parquet(directory.resolve("claims.parquet").toString());
    Files.writeString(directory.resolve("claims.csv"), csv);
    server = new PetServer();
    port = server.start(new PetServerConfig(0, null, TOKEN, directory.resolve("data"), 1 << 20, "local[2]"));
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close();
    server.close(); // stops the Spark session
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
    return await(client.post(port, "localhost", path).putHeader("Authorization", "Bearer " + TOKEN)
        .sendJsonObject(body));
  }

  private static String register(String file, String format, double epsilon) throws Exception {
    HttpResponse<Buffer> response = post("/v1/datasets", new JsonObject().put("name", "claims")
        .put("unitColumn", "person").put("engine", "spark").put("format", format)
        .put("path", directory.resolve(file).toString()).put("budget", new JsonObject().put("epsilon", epsilon)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("engine")).isEqualTo("spark");
    assertThat(body.getJsonArray("numericColumns").getList()).containsExactly("amount");
    return body.getString("id");
  }

  private static JsonObject budget(String id) throws Exception {
    return await(client.get(port, "localhost", "/v1/datasets/" + id + "/budget")
        .putHeader("Authorization", "Bearer " + TOKEN).send()).bodyAsJsonObject();
  }

  private static JsonArray log() throws Exception {
    return await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
  }

  @Test
  void parquetDataset_answersCountSumAndHistogram_chargesAndLogs_refusesBeyondBudgetAndBadColumns()
      throws Exception {
    String id = register("claims.parquet", "parquet", 3.5);
    String queries = "/v1/datasets/" + id + "/queries";
    int logBefore = log().size();

    HttpResponse<Buffer> count = post(queries, new JsonObject().put("type", "count").put("epsilon", 1.0));
    assertThat(count.statusCode()).as(count.bodyAsString()).isEqualTo(200);
    // 200 people, Laplace scale 1: 30 scales never happen.
    assertThat(count.bodyAsJsonObject().getLong("value")).isBetween(170L, 230L);
    assertThat(count.bodyAsJsonObject().getJsonArray("confidenceInterval95")).hasSize(2);
    assertThat(count.bodyAsJsonObject().getJsonObject("budget").getDouble("remainingEpsilon")).isEqualTo(2.5);

    JsonObject sum = post(queries, new JsonObject().put("type", "sum").put("column", "amount").put("lower", 0)
        .put("upper", 100).put("epsilon", 1.0)).bodyAsJsonObject();
    // true sum 9900, Laplace scale 100.
    assertThat(sum.getDouble("value")).isBetween(6900.0, 12_900.0);

    JsonObject histogram = post(queries, new JsonObject().put("type", "histogram").put("groupBy", "district")
        .put("keys", new JsonArray().add("d0").add("d1").add("d9")).put("epsilon", 1.0)).bodyAsJsonObject();
    assertThat(histogram.getJsonObject("groups").fieldNames()).containsExactlyInAnyOrder("d0", "d1", "d9");
    assertThat(histogram.getJsonObject("groups").getLong("d0")).isBetween(20L, 80L);
    assertThat(budget(id).getDouble("spentEpsilon")).isEqualTo(3.0);

    HttpResponse<Buffer> beyond = post(queries, new JsonObject().put("type", "count").put("epsilon", 1.0));
    assertThat(beyond.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> textColumn = post(queries, new JsonObject().put("type", "sum").put("column", "district")
        .put("lower", 0).put("upper", 1).put("epsilon", 0.1));
    assertThat(textColumn.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> unknownColumn = post(queries, new JsonObject().put("type", "mean").put("column", "nope")
        .put("lower", 0).put("upper", 1).put("epsilon", 0.1));
    assertThat(unknownColumn.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> variance = post(queries, new JsonObject().put("type", "variance").put("column", "amount")
        .put("lower", 0).put("upper", 1).put("epsilon", 0.1));
    assertThat(variance.statusCode()).isEqualTo(422);
    assertThat(budget(id).getDouble("spentEpsilon")).isEqualTo(3.0);

    JsonArray log = log();
    assertThat(log.stream().skip(logBefore).map(e -> ((JsonObject) e).getString("type")))
        .containsExactly("query", "query", "query");
    assertThat(log.encode()).doesNotContain("p17");
  }

  @Test
  void csvDataset_answersMeanAndQuantile_andUnreadablePathsAreRefused() throws Exception {
    String id = register("claims.csv", "csv", 2);
    String queries = "/v1/datasets/" + id + "/queries";
    JsonObject mean = post(queries, new JsonObject().put("type", "mean").put("column", "amount").put("lower", 0)
        .put("upper", 100).put("epsilon", 1.0)).bodyAsJsonObject();
    assertThat(mean.getDouble("value")).isBetween(30.0, 70.0);
    JsonObject median = post(queries, new JsonObject().put("type", "quantile").put("column", "amount")
        .put("lower", 0).put("upper", 100).put("rank", 0.5).put("epsilon", 1.0)).bodyAsJsonObject();
    assertThat(median.getDouble("value")).isBetween(20.0, 80.0);
    assertThat(budget(id).getDouble("remainingEpsilon")).isEqualTo(0.0);

    HttpResponse<Buffer> missing = post("/v1/datasets", new JsonObject().put("name", "none")
        .put("unitColumn", "person").put("engine", "spark").put("format", "parquet")
        .put("path", directory.resolve("absent.parquet").toString())
        .put("budget", new JsonObject().put("epsilon", 1.0)));
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.getHeader("Content-Type")).startsWith("application/problem+json");
  }
}
