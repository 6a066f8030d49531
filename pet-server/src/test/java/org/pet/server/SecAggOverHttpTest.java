package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.util.Bytes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.secagg.CollusionPolicy;
import org.pet.secagg.IdentityKeyPair;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages;
import org.pet.secagg.SecAggParameters;
import org.pet.server.auth.RequestSignature;
import org.pet.server.rounds.RoundParametersJson;

/** Ten agencies run a secure aggregation round against the server over real HTTP. */
class SecAggOverHttpTest {

  private static final String TOKEN = "admin-token-for-tests-0123456789";
  private static final int AGENCIES = 10;
  /** Meets the collusion bound 2t > n + c with the default c = 3 tolerated colluders of ten. */
  private static final int THRESHOLD = 7;
  private static final int COLLUDERS = 3;
  private static final int LENGTH = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @TempDir
  Path dataDirectory;

  private Vertx vertx;
  private WebClient client;
  private PetServer server;
  private PetServerConfig config;
  private int port;
  private final Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();
  private final Map<String, long[]> inputs = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  /** The server's clock: a test that needs a phase deadline to pass moves it instead of waiting. */
  private final MutableClock clock = new MutableClock(java.time.Instant.now());
  /** Phase deadlines are generous; dropouts are waited out by moving the clock past them. */
  private static final int PHASE_TIMEOUT_SECONDS = 600;
  /** How long a test waits for the server to act before it gives up (a safety net, not a protocol deadline). */
  private static final long PATIENCE_NANOS = TimeUnit.MINUTES.toNanos(2);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    SplittableRandom data = new SplittableRandom(42);
    for (int i = 1; i <= AGENCIES; i++) {
      String id = "agency-" + i;
      identities.put(id, IdentityKeyPair.generate());
      inputs.put(id, data.longs(LENGTH).toArray());
    }
    startServer(new PetServerConfig(0, null, TOKEN, dataDirectory, 1 << 20));
  }

  /** Starts a server on {@code configuration}'s database and registers the agencies with it. */
  private void startServer(PetServerConfig configuration) throws Exception {
    config = configuration;
    server = new PetServer(clock);
    port = server.start(config);
    for (String id : identities.keySet()) {
      HttpResponse<Buffer> registered = await(admin(client.post(port, "localhost", "/v1/agencies"))
          .sendJsonObject(new JsonObject().put("id", id).put("publicKey", B64.encodeToString(identities.get(id).publicKey()))));
      assertThat(registered.statusCode()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() {
    client.close();
    vertx.close();
    server.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }

  private static HttpRequest<Buffer> admin(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + TOKEN);
  }

  /** Sends a request signed by the agency, as RequestSignature specifies. */
  private HttpResponse<Buffer> signed(String agency, String method, String path, JsonObject body) throws Exception {
    return signedAs(agency, identities.get(agency), method, path, body, 0);
  }

  /** Moves the server's clock past the open phase's deadline, as if the missing agencies never answered. */
  private void letTheDeadlinePass() {
    clock.advance(java.time.Duration.ofSeconds(PHASE_TIMEOUT_SECONDS + 1));
  }

  private HttpResponse<Buffer> signedAs(String agency, IdentityKeyPair key, String method, String path, JsonObject body,
      long clockOffsetSeconds) throws Exception {
    long serverClockOffset = (clock.millis() - System.currentTimeMillis()) / 1000;
    return SignedRequests.send(client, port, agency, key, method, path, body == null ? null : body.toBuffer().getBytes(),
        serverClockOffset + clockOffsetSeconds);
  }

  private void submit(String agency, String round, String phase, byte[] message) throws Exception {
    HttpResponse<Buffer> response = signed(agency, "POST", "/v1/rounds/" + round + "/" + phase,
        new JsonObject().put("message", B64.encodeToString(message)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  /** Polls the phase output until the server has closed the phase. */
  private byte[] fetch(String agency, String round, String phase) throws Exception {
    long giveUp = System.nanoTime() + PATIENCE_NANOS;
    while (System.nanoTime() < giveUp) {
      HttpResponse<Buffer> response = signed(agency, "GET", "/v1/rounds/" + round + "/" + phase, null);
      if (response.statusCode() == 200) {
        return Base64.getUrlDecoder().decode(response.bodyAsJsonObject().getString("message"));
      }
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
      Thread.sleep(50);
    }
    throw new AssertionError("phase " + phase + " never closed");
  }

  private SecAggParameters parameters(String round) {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId(round)
        .participants(List.copyOf(identities.keySet())).threshold(THRESHOLD).vectorLength(LENGTH);
    identities.forEach((id, keys) -> builder.identityKey(id, keys.publicKey()));
    return builder.build();
  }

  private String createRound() throws Exception {
    return createRound(PHASE_TIMEOUT_SECONDS);
  }

  private String createRound(int phaseTimeoutSeconds) throws Exception {
    HttpResponse<Buffer> created = await(admin(client.post(port, "localhost", "/v1/rounds")).sendJsonObject(
        new JsonObject().put("participants", new JsonArray(List.copyOf(identities.keySet())))
            .put("threshold", THRESHOLD).put("vectorLength", LENGTH).put("phaseTimeoutSeconds", phaseTimeoutSeconds)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  @Test
  void tenAgencies_twoDropAfterShareKeys_resultIsTheSurvivorsSumAndNoInputIsStoredOrLogged() throws Exception {
    LogCapture logs = LogCapture.start();
    String round;
    try {
      round = createRound();
      runTenAgenciesWithTwoDropouts(round);
    } finally {
      logs.stop();
    }
    assertNoInputStored();
    assertThat(logs.text()).contains("/v1/rounds/" + round + "/masked"); // the access log was captured
    for (long[] input : inputs.values()) {
      for (long word : input) {
        assertThat(logs.text()).doesNotContain(Long.toString(word)).doesNotContain(Long.toUnsignedString(word))
            .doesNotContain(B64.encodeToString(littleEndian(word)));
      }
    }
    for (IdentityKeyPair key : identities.values()) {
      assertThat(logs.text()).doesNotContain(B64.encodeToString(key.privateKey()));
    }
    assertThat(logs.text()).doesNotContain(TOKEN);
  }

  /** Every agency's client for {@code round}, after all have advertised and shared keys over HTTP. */
  private Map<String, SecAggClient> shareAllKeys(String round) throws Exception {
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id, new SecAggClient(parameters(round), id, inputs.get(id), keys)));
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "keys", agency.advertiseKeys().toBytes());
    }
    for (SecAggClient agency : agencies.values()) {
      var directory = SecAggMessages.KeyDirectory.fromBytes(fetch(agency.id(), round, "keys"));
      submit(agency.id(), round, "shares", agency.shareKeys(directory).toBytes());
    }
    return agencies;
  }

  private void runTenAgenciesWithTwoDropouts(String round) throws Exception {
    Map<String, SecAggClient> agencies = shareAllKeys(round);
    List<String> survivors = List.copyOf(agencies.keySet()).subList(0, AGENCIES - 2); // the last two drop
    runToResult(round, agencies, survivors);
    JsonObject result = await(client.get(port, "localhost", "/v1/rounds/" + round + "/result").send()).bodyAsJsonObject();
    assertThat(result.getJsonArray("included").getList()).isEqualTo(survivors);
    long[] expected = new long[LENGTH];
    for (String id : survivors) {
      for (int i = 0; i < LENGTH; i++) {
        expected[i] += inputs.get(id)[i];
      }
    }
    JsonArray sum = result.getJsonArray("sum");
    for (int i = 0; i < LENGTH; i++) {
      assertThat(Long.parseLong(sum.getString(i))).isEqualTo(expected[i]);
    }
    assertThat(result.getValue("privacy")).isNull();
  }

  /**
   * One agency reveals wrong shares of every secret in the last round: the server corrects them (ten
   * unmaskers, t = THRESHOLD), the sum is exact, and the result and the log entry name the agency.
   */
  @Test
  void agencyRevealingWrongShares_isCorrectedAndNamedInTheResultAndTheLog() throws Exception {
    String round = createRound();
    Map<String, SecAggClient> agencies = shareAllKeys(round);
    List<String> all = List.copyOf(agencies.keySet());
    String liar = all.get(3);
    for (String id : all) {
      var delivery = SecAggMessages.ShareDelivery.fromBytes(fetch(id, round, "shares"));
      submit(id, round, "masked", agencies.get(id).maskedInput(delivery).toBytes());
    }
    checkAndUnmask(round, agencies, all, (id, answer) -> id.equals(liar)
        ? new SecAggMessages.Unmasking(id, answer.maskingKeyShares(), offByOne(answer.selfMaskShares()))
        : answer);
    JsonObject result = await(client.get(port, "localhost", "/v1/rounds/" + round + "/result").send()).bodyAsJsonObject();
    assertThat(result.getJsonArray("corruptedShares").getList()).containsExactly(liar);
    assertSumOf(result, all);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    JsonObject completed = log.getJsonObject(log.size() - 1);
    assertThat(completed.getString("type")).isEqualTo("round-completed");
    assertThat(completed.getJsonObject("payload").getJsonArray("corruptedShares").getList()).containsExactly(liar);
  }

  /**
   * A SecAgg+ round over HTTP: {@code neighbours} in the request and in the public round JSON, from which
   * agencies rebuild the parameters; each agency sends envelopes to its 4 neighbours only, one drops after
   * sharing, and the result is the survivors' exact sum; the log records the degree.
   */
  @Test
  void secAggPlusRound_agenciesShareWithTheirNeighboursOnly_andTheSumIsExact() throws Exception {
    HttpResponse<Buffer> created = await(admin(client.post(port, "localhost", "/v1/rounds")).sendJsonObject(
        new JsonObject().put("participants", new JsonArray(List.copyOf(identities.keySet()))).put("threshold", 3)
            .put("toleratedColluders", 1).put("neighbours", 4).put("vectorLength", LENGTH)
            .put("phaseTimeoutSeconds", PHASE_TIMEOUT_SECONDS)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String round = created.bodyAsJsonObject().getString("id");
    JsonObject description = await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject();
    assertThat(description.getInteger("neighbours")).isEqualTo(4);
    SecAggParameters published = RoundParametersJson.fromJson(description);
    assertThat(published.completeGraph()).isFalse();
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id,
        new SecAggClient(published, id, inputs.get(id), keys, CollusionPolicy.tolerating(1))));
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "keys", agency.advertiseKeys().toBytes());
    }
    for (SecAggClient agency : agencies.values()) {
      var directory = SecAggMessages.KeyDirectory.fromBytes(fetch(agency.id(), round, "keys"));
      SecAggMessages.ShareKeys shares = agency.shareKeys(directory);
      assertThat(shares.envelopes().keySet()).isEqualTo(published.graph().neighbours(agency.id()));
      submit(agency.id(), round, "shares", shares.toBytes());
    }
    List<String> survivors = List.copyOf(agencies.keySet()).subList(0, AGENCIES - 1);
    runToResult(round, agencies, survivors);
    JsonObject result = await(client.get(port, "localhost", "/v1/rounds/" + round + "/result").send()).bodyAsJsonObject();
    assertThat(result.getJsonArray("included").getList()).isEqualTo(survivors);
    assertSumOf(result, survivors);
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    JsonObject createdEntry = null;
    for (int i = 0; i < log.size(); i++) {
      JsonObject entry = log.getJsonObject(i);
      if (entry.getString("type").equals("round-created") && entry.getJsonObject("payload").getString("round").equals(round)) {
        createdEntry = entry;
      }
    }
    assertThat(createdEntry).isNotNull();
    assertThat(createdEntry.getJsonObject("payload").getInteger("neighbours")).isEqualTo(4);
  }

  /** Impossible SecAgg+ settings are refused with a 400 problem naming the field, and no round is made. */
  @Test
  void secAggPlusRound_badNeighboursOrThreshold_refusedWith400() throws Exception {
    for (JsonObject bad : List.of(new JsonObject().put("neighbours", 3).put("threshold", 3),
        new JsonObject().put("neighbours", 4).put("threshold", 6), new JsonObject().put("neighbours", "four").put("threshold", 3))) {
      HttpResponse<Buffer> refused = await(admin(client.post(port, "localhost", "/v1/rounds")).sendJsonObject(
          bad.put("participants", new JsonArray(List.copyOf(identities.keySet()))).put("toleratedColluders", 1)
              .put("vectorLength", LENGTH)));
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("neighbours");
    }
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.getJsonObject(i).getString("type")).isNotEqualTo("round-created");
    }
  }

  /** The result's sum is exactly the sum of {@code agencies}' inputs, word by word. */
  private void assertSumOf(JsonObject result, List<String> agencies) {
    for (int i = 0; i < LENGTH; i++) {
      long truth = 0;
      for (String id : agencies) {
        truth += inputs.get(id)[i];
      }
      assertThat(Long.parseLong(result.getJsonArray("sum").getString(i))).isEqualTo(truth);
    }
  }

  /**
   * Every share with the lowest bit of its value flipped: a wrong share with the right index (its value
   * stays below p unless it was p - 1, a 2^-521 chance).
   */
  private static SortedMap<String, Bytes> offByOne(SortedMap<String, Bytes> shares) {
    SortedMap<String, Bytes> result = new TreeMap<>();
    shares.forEach((owner, encoded) -> {
      byte[] bytes = encoded.toByteArray();
      bytes[bytes.length - 1] ^= 1;
      result.put(owner, Bytes.copyFrom(bytes));
    });
    return result;
  }

  /**
   * A round with distributed discrete Gaussian noise: agencies rebuild the parameters from the public round
   * description, the sum is within the noise's bound of the truth, and the result states the guarantee
   * achieved with the survivors, which the metrics and the transparency log record too.
   */
  @Test
  void noisyRound_agenciesUseThePublishedNoiseAndTheResultStatesTheAchievedGuarantee() throws Exception {
    for (String id : identities.keySet()) {
      inputs.put(id, new SplittableRandom(id.hashCode()).longs(LENGTH, 0, 2).toArray()); // one count per cell
    }
    HttpResponse<Buffer> created = await(admin(client.post(port, "localhost", "/v1/rounds")).sendJsonObject(
        new JsonObject().put("participants", new JsonArray(List.copyOf(identities.keySet())))
            .put("threshold", THRESHOLD).put("vectorLength", LENGTH).put("phaseTimeoutSeconds", PHASE_TIMEOUT_SECONDS)
            .put("noise", new JsonObject().put("mechanism", "discrete-gaussian").put("epsilon", 1.0)
                .put("delta", 1e-6).put("sensitivity", 4.0))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String round = created.bodyAsJsonObject().getString("id");
    JsonObject description = await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject();
    SecAggParameters published = RoundParametersJson.fromJson(description);
    assertThat(published.noise()).isNotNull();
    assertThat(published.toleratedColluders()).isEqualTo(COLLUDERS);
    assertThat(published.noise().minimumSurvivors()).isEqualTo(THRESHOLD - COLLUDERS);
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id, new SecAggClient(published, id, inputs.get(id), keys)));
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "keys", agency.advertiseKeys().toBytes());
    }
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "shares",
          agency.shareKeys(SecAggMessages.KeyDirectory.fromBytes(fetch(agency.id(), round, "keys"))).toBytes());
    }
    List<String> survivors = List.copyOf(agencies.keySet()).subList(0, AGENCIES - 1);
    runToResult(round, agencies, survivors);
    JsonObject result = await(client.get(port, "localhost", "/v1/rounds/" + round + "/result").send()).bodyAsJsonObject();
    JsonObject privacy = result.getJsonObject("privacy");
    var expected = published.noise().achievedFor(survivors.size() - COLLUDERS);
    assertThat(privacy.getString("mechanism")).isEqualTo("discrete-gaussian");
    assertThat(privacy.getDouble("epsilon")).isEqualTo(expected.epsilon()).isLessThanOrEqualTo(1.0);
    assertThat(privacy.getDouble("delta")).isEqualTo(1e-6);
    assertThat(privacy.getInteger("toleratedColluders")).isEqualTo(COLLUDERS);
    assertThat(privacy.getJsonObject("withoutCollusion").getDouble("epsilon"))
        .isEqualTo(published.noise().achievedFor(survivors.size()).epsilon()).isLessThan(expected.epsilon());
    // Noise per cell: sd = sqrt(survivors' total variance); every cell within 6 sd of the truth.
    double bound = 6 * Math.sqrt(published.noise().totalVariance(survivors.size()));
    for (int i = 0; i < LENGTH; i++) {
      long truth = 0;
      for (String id : survivors) {
        truth += inputs.get(id)[i];
      }
      assertThat((double) Long.parseLong(result.getJsonArray("sum").getString(i))).isCloseTo(truth,
          org.assertj.core.data.Offset.offset(bound));
    }
    String metrics = await(client.get(port, "localhost", "/metrics").send()).bodyAsString();
    assertThat(metrics).contains("pet_rounds{state=\"completed\"} 1.0")
        .contains("pet_epsilon_spent_total{source=\"round\"} " + expected.epsilon());
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    JsonObject completed = log.getJsonObject(log.size() - 1);
    assertThat(completed.getString("type")).isEqualTo("round-completed");
    assertThat(completed.getJsonObject("payload").getJsonObject("privacy").getDouble("epsilon"))
        .isEqualTo(expected.epsilon());
  }

  /**
   * Too few agencies answer a phase by its deadline: the round fails, and its status, its result and the
   * log say which phase, when and who had not answered.
   */
  @Test
  void tooFewAnswersByTheDeadline_theFailureNamesThePhaseTheTimeAndTheMissingAgencies() throws Exception {
    String round = createRound();
    List<String> ids = List.copyOf(identities.keySet());
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id, new SecAggClient(parameters(round), id, inputs.get(id), keys)));
    for (String id : ids.subList(0, THRESHOLD - 1)) {
      submit(id, round, "keys", agencies.get(id).advertiseKeys().toBytes());
    }
    JsonObject open = await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject();
    assertThat(open.getJsonArray("answered").getList()).hasSize(THRESHOLD - 1);
    assertThat(open.getJsonArray("waitingFor").getList()).hasSize(AGENCIES - THRESHOLD + 1);
    assertThat(open.getLong("deadline")).isGreaterThan(clock.millis());
    letTheDeadlinePass();
    String failedAt = clock.instant().toString();
    String state = "keys";
    long giveUp = System.nanoTime() + PATIENCE_NANOS;
    while (state.equals("keys") && System.nanoTime() < giveUp) {
      state = await(client.get(port, "localhost", "/v1/rounds/" + round + "?after=keys").send()).bodyAsJsonObject()
          .getString("state");
    }
    JsonObject status = await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject();
    List<String> missing = ids.subList(THRESHOLD - 1, AGENCIES);
    assertThat(status.getString("state")).isEqualTo("failed");
    assertThat(status.getString("failedPhase")).isEqualTo("keys");
    assertThat(status.getJsonArray("missing").getList()).containsExactlyInAnyOrderElementsOf(missing);
    assertThat(Instant.parse(status.getString("failedAt"))).isAfterOrEqualTo(Instant.parse(failedAt));
    assertThat(status.getValue("deadline")).isNull();
    assertThat(status.getJsonArray("answered").getList()).isEmpty();
    assertThat(status.getString("failure")).contains("phase keys failed").contains("fewer than the threshold " + THRESHOLD)
        .contains("no answer from " + String.join(", ", missing) + " by the phase deadline");
    HttpResponse<Buffer> result = await(client.get(port, "localhost", "/v1/rounds/" + round + "/result").send());
    assertThat(result.statusCode()).isEqualTo(409);
    assertThat(result.bodyAsJsonObject().getString("detail")).contains("round " + round + " failed at " + status
        .getString("failedAt")).contains("no answer from");
    JsonArray log = await(client.get(port, "localhost", "/v1/transparency/log").send()).bodyAsJsonObject()
        .getJsonArray("entries");
    JsonObject failed = log.getJsonObject(log.size() - 1);
    assertThat(failed.getString("type")).isEqualTo("round-failed");
    assertThat(failed.getJsonObject("payload").getString("reason")).isEqualTo(status.getString("failure"));
    server.close();
    server = new PetServer(clock);
    port = server.start(config);
    assertThat(await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject()
        .getString("failedAt")).isEqualTo(status.getString("failedAt"));
  }

  /** The administrator closes a phase the dropped agencies will never answer, without waiting for its deadline. */
  @Test
  void closePhase_byTheAdministrator_closesWithTheAnswersReceived() throws Exception {
    String round = createRound();
    List<String> ids = List.copyOf(identities.keySet());
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id, new SecAggClient(parameters(round), id, inputs.get(id), keys)));
    for (String id : ids.subList(0, AGENCIES - 1)) {
      submit(id, round, "keys", agencies.get(id).advertiseKeys().toBytes());
    }
    String path = "/v1/rounds/" + round + "/close-phase";
    assertThat(await(client.post(port, "localhost", path).send()).statusCode()).isEqualTo(401);
    assertThat(await(admin(client.post(port, "localhost", path + "?phase=shares")).send()).statusCode())
        .isEqualTo(409);
    assertThat(await(admin(client.post(port, "localhost", path + "?phase=later")).send()).statusCode())
        .isEqualTo(400);
    HttpResponse<Buffer> closed = await(admin(client.post(port, "localhost", path + "?phase=keys")).send());
    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
    assertThat(closed.bodyAsJsonObject().getString("state")).isEqualTo("shares");
    var directory = SecAggMessages.KeyDirectory.fromBytes(fetch(ids.get(0), round, "keys"));
    assertThat(directory.entries()).hasSize(AGENCIES - 1);
    assertThat(await(admin(client.post(port, "localhost", "/v1/rounds/nope/close-phase")).send()).statusCode())
        .isEqualTo(404);
    // Closed by the administrator with too few answers: the failure says so, not "by the deadline".
    String short_ = createRound();
    Map<String, SecAggClient> few = new LinkedHashMap<>();
    identities.forEach((id, keys) -> few.put(id, new SecAggClient(parameters(short_), id, inputs.get(id), keys)));
    submit(ids.get(0), short_, "keys", few.get(ids.get(0)).advertiseKeys().toBytes());
    JsonObject failed = await(admin(client.post(port, "localhost", "/v1/rounds/" + short_ + "/close-phase")).send())
        .bodyAsJsonObject();
    assertThat(failed.getString("state")).isEqualTo("failed");
    assertThat(failed.getString("failure")).contains("when the administrator closed the phase")
        .doesNotContain("deadline");
  }

  @Test
  void invalidNoise_isRefusedWithTheFieldNamedAndNoRoundIsCreated() throws Exception {
    JsonObject base = new JsonObject().put("participants", new JsonArray(List.copyOf(identities.keySet())))
        .put("threshold", THRESHOLD).put("vectorLength", LENGTH);
    List<JsonObject> bad = List.of(
        new JsonObject().put("mechanism", "gaussian").put("epsilon", 1).put("delta", 1e-6).put("sensitivity", 1),
        new JsonObject().put("mechanism", "discrete-gaussian").put("epsilon", -1).put("delta", 1e-6).put("sensitivity", 1),
        new JsonObject().put("mechanism", "discrete-gaussian").put("epsilon", 1).put("sensitivity", 1),
        new JsonObject().put("mechanism", "discrete-laplace").put("epsilon", 1).put("delta", 1e-6).put("sensitivity", 1),
        new JsonObject().put("mechanism", "discrete-laplace").put("epsilon", 1).put("sensitivity", 1)
            .put("minimumSurvivors", THRESHOLD + 1));
    for (JsonObject noise : bad) {
      HttpResponse<Buffer> response = await(admin(client.post(port, "localhost", "/v1/rounds"))
          .sendJsonObject(base.copy().put("noise", noise)));
      assertThat(response.statusCode()).as(noise.encode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("detail")).contains("noise");
    }
    assertThat(await(client.get(port, "localhost", "/metrics").send()).bodyAsString())
        .contains("pet_rounds{state=\"keys\"} 0.0");
  }

  @Test
  void restart_afterMaskedInput_theRoundResumesAndCompletes() throws Exception {
    restartAfterMaskedInput();
  }

  /** The same on a real PostgreSQL: every message and phase closing is stored there and replayed. */
  @Test
  void restart_onPostgresql_theRoundResumesAndCompletes() throws Exception {
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
      server.close();
      startServer(new PetServerConfig(0, postgres.getJdbcUrl("postgres", "postgres") + "&user=postgres&password=postgres",
          TOKEN, dataDirectory, 1 << 20));
      restartAfterMaskedInput();
      server.close();
    }
  }

  private void restartAfterMaskedInput() throws Exception {
    String round = createRound(300);
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id, new SecAggClient(parameters(round), id, inputs.get(id), keys)));
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "keys", agency.advertiseKeys().toBytes());
    }
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "shares",
          agency.shareKeys(SecAggMessages.KeyDirectory.fromBytes(fetch(agency.id(), round, "keys"))).toBytes());
    }
    for (SecAggClient agency : agencies.values()) {
      var delivery = SecAggMessages.ShareDelivery.fromBytes(fetch(agency.id(), round, "shares"));
      submit(agency.id(), round, "masked", agency.maskedInput(delivery).toBytes());
    }
    server.close();
    server = new PetServer(clock);
    port = server.start(config);
    checkAndUnmask(round, agencies, List.copyOf(agencies.keySet()));
    JsonObject result = await(client.get(port, "localhost", "/v1/rounds/" + round + "/result").send()).bodyAsJsonObject();
    long expected = 0;
    for (long[] input : inputs.values()) {
      expected += input[0];
    }
    assertThat(Long.parseLong(result.getJsonArray("sum").getString(0))).isEqualTo(expected);
  }

  @Test
  void badRequests_getTheDocumentedStatusAndChangeNothing() throws Exception {
    String round = createRound(300);
    String path = "/v1/rounds/" + round + "/keys";
    SecAggClient first = new SecAggClient(parameters(round), "agency-1", inputs.get("agency-1"), identities.get("agency-1"));
    JsonObject keys = new JsonObject().put("message", B64.encodeToString(first.advertiseKeys().toBytes()));
    // Unsigned.
    assertThat(await(client.post(port, "localhost", path).sendJsonObject(keys)).statusCode()).isEqualTo(401);
    // Signed by another agency's key.
    HttpResponse<Buffer> forged = signedAs("agency-1", identities.get("agency-2"), "POST", path, keys, 0);
    assertThat(forged.statusCode()).isEqualTo(401);
    // Stale timestamp.
    assertThat(signedAs("agency-1", identities.get("agency-1"), "POST", path, keys, -3600).statusCode()).isEqualTo(401);
    // Another agency's message.
    assertThat(signed("agency-2", "POST", path, keys).statusCode()).isEqualTo(403);
    // Wrong phase.
    assertThat(signed("agency-1", "POST", "/v1/rounds/" + round + "/masked",
        new JsonObject().put("message", B64.encodeToString(new SecAggMessages.MaskedInput("agency-1", new long[LENGTH])
            .toBytes()))).statusCode()).isEqualTo(409);
    // Malformed message, unknown round, and a phase output that is not ready.
    assertThat(signed("agency-1", "POST", path, new JsonObject().put("message", "AAAA")).statusCode()).isEqualTo(400);
    assertThat(signed("agency-1", "POST", "/v1/rounds/nope/keys", keys).statusCode()).isEqualTo(404);
    assertThat(signed("agency-1", "GET", path, null).statusCode()).isEqualTo(409);
    // Accepted once; the duplicate is refused; a replay of the signed request is refused.
    assertThat(signed("agency-1", "POST", path, keys).statusCode()).isEqualTo(200);
    assertThat(signed("agency-1", "POST", path, keys).statusCode()).isEqualTo(409);
    JsonObject status = await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject();
    assertThat(status.getJsonArray("answered").getList()).containsExactly("agency-1");
    // Not a participant: register an outsider and try.
    IdentityKeyPair outsider = IdentityKeyPair.generate();
    identities.put("outsider", outsider);
    await(admin(client.post(port, "localhost", "/v1/agencies"))
        .sendJsonObject(new JsonObject().put("id", "outsider").put("publicKey", B64.encodeToString(outsider.publicKey()))));
    assertThat(signed("outsider", "GET", path, null).statusCode()).isEqualTo(403);
  }

  /** A long poll answers as soon as the round leaves the state, at once if it already has. */
  @Test
  void longPoll_answersWhenThePhaseCloses() throws Exception {
    String round = createRound(300);
    Future<HttpResponse<Buffer>> waiting = client.get(port, "localhost", "/v1/rounds/" + round + "?after=keys").send();
    Map<String, SecAggClient> agencies = new LinkedHashMap<>();
    identities.forEach((id, keys) -> agencies.put(id, new SecAggClient(parameters(round), id, inputs.get(id), keys)));
    for (SecAggClient agency : agencies.values()) {
      submit(agency.id(), round, "keys", agency.advertiseKeys().toBytes());
    }
    assertThat(await(waiting).bodyAsJsonObject().getString("state")).isEqualTo("shares");
    assertThat(await(client.get(port, "localhost", "/v1/rounds/" + round + "?after=keys").send()).bodyAsJsonObject()
        .getString("state")).isEqualTo("shares");
    assertThat(await(client.get(port, "localhost", "/v1/rounds/" + round + "?after=soon").send()).statusCode())
        .isEqualTo(400);
    assertThat(await(client.get(port, "localhost", "/v1/rounds/nope?after=keys").send()).statusCode()).isEqualTo(404);
  }

  @Test
  void replayedRequest_isRefused() throws Exception {
    String round = createRound(300);
    String path = "/v1/rounds/" + round;
    long timestamp = clock.millis() / 1000;
    String nonce = B64.encodeToString(new byte[16]);
    byte[] signature = identities.get("agency-1").sign(RequestSignature.content("agency-1", "GET", path + "/keys", new byte[0], timestamp, nonce));
    for (int attempt = 0; attempt < 2; attempt++) {
      HttpResponse<Buffer> response = await(client.get(port, "localhost", path + "/keys")
          .putHeader(RequestSignature.AGENCY, "agency-1").putHeader(RequestSignature.TIMESTAMP, Long.toString(timestamp))
          .putHeader(RequestSignature.NONCE, nonce).putHeader(RequestSignature.SIGNATURE, B64.encodeToString(signature))
          .send());
      assertThat(response.statusCode()).isEqualTo(attempt == 0 ? 409 : 401);
      if (attempt == 1) {
        assertThat(response.bodyAsJsonObject().getString("detail")).contains("replayed");
      }
    }
  }

  private void runToResult(String round, Map<String, SecAggClient> agencies, List<String> survivors) throws Exception {
    for (String id : survivors) {
      var delivery = SecAggMessages.ShareDelivery.fromBytes(fetch(id, round, "shares"));
      submit(id, round, "masked", agencies.get(id).maskedInput(delivery).toBytes());
    }
    if (survivors.size() < agencies.size()) {
      letTheDeadlinePass();
    }
    checkAndUnmask(round, agencies, survivors);
  }

  /** Rounds 3 and 4 for the survivors, then waits for the round to complete. */
  private void checkAndUnmask(String round, Map<String, SecAggClient> agencies, List<String> survivors)
      throws Exception {
    checkAndUnmask(round, agencies, survivors, (id, answer) -> answer);
  }

  /** The same, with each survivor's unmasking answer passed through {@code tamper} before it is sent. */
  private void checkAndUnmask(String round, Map<String, SecAggClient> agencies, List<String> survivors,
      BiFunction<String, SecAggMessages.Unmasking, SecAggMessages.Unmasking> tamper) throws Exception {
    for (String id : survivors) {
      var set = SecAggMessages.SurvivorSet.fromBytes(fetch(id, round, "masked"));
      submit(id, round, "consistency", agencies.get(id).consistencyCheck(set).toBytes());
    }
    for (String id : survivors) {
      var request = SecAggMessages.UnmaskingRequest.fromBytes(fetch(id, round, "consistency"));
      submit(id, round, "unmask", tamper.apply(id, agencies.get(id).unmask(request)).toBytes());
    }
    String state = await(client.get(port, "localhost", "/v1/rounds/" + round).send()).bodyAsJsonObject()
        .getString("state");
    long giveUp = System.nanoTime() + PATIENCE_NANOS;
    while (!state.equals("completed") && !state.equals("failed") && System.nanoTime() < giveUp) {
      state = await(client.get(port, "localhost", "/v1/rounds/" + round + "?after=" + state).send())
          .bodyAsJsonObject().getString("state");
    }
    assertThat(state).as("round %s", round).isEqualTo("completed");
  }

  /** No stored round message contains any 8-byte word of any agency's input vector. */
  private void assertNoInputStored() throws Exception {
    List<byte[]> stored = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(config.effectiveDatabaseUrl(), "sa", "");
        ResultSet rows = connection.createStatement().executeQuery("SELECT message FROM round_events WHERE kind <> 'close'")) {
      while (rows.next()) {
        if (rows.getString(1) != null) {
          stored.add(Base64.getUrlDecoder().decode(rows.getString(1)));
        }
      }
    }
    assertThat(stored).isNotEmpty();
    for (long[] input : inputs.values()) {
      for (long word : input) {
        byte[] pattern = littleEndian(word);
        for (byte[] message : stored) {
          assertThat(indexOf(message, pattern)).isEqualTo(-1);
        }
      }
    }
  }

  private static byte[] littleEndian(long word) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(word).array();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
