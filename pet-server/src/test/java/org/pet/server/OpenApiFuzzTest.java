package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.linkage.PsiMessage;
import org.pet.linkage.PsiParameters;
import org.pet.linkage.PsiParty;
import org.pet.linkage.PsiRecord;
import org.pet.linkage.PsiWire;
import org.pet.secagg.IdentityKeyPair;
import org.pet.secagg.SecAggClient;
import org.pet.secagg.SecAggMessages;
import org.pet.secagg.SecAggParameters;
import org.pet.server.rounds.RoundParametersJson;
import org.pet.server.rounds.RoundService;

/**
 * Bad input gets a 4xx problem, never a 500 (issue 13, finding 7): a fuzzer reads the {@code /openapi.yaml}
 * the server serves and sends a few thousand requests generated from it over every documented operation,
 * to a server holding realistic state - a two-aggregator leader (so the task routes are live), three
 * registered agencies, an analyst, two datasets, a round open
 * in each phase plus a failed and a completed one, linkage sessions waiting for each step plus a completed
 * one, log entries - so that requests get past 404 and 401 into the handlers.
 *
 * <p>Each request combines a credential (none, a wrong bearer token, the administrator's, the analyst's, a
 * valid agency signature, a broken one), path parameters (known ids, unknown ids, long, non-ASCII,
 * percent-escaped well and badly, dot segments, empty), query parameters (documented and random: negative,
 * huge, non-numeric, repeated), a content type (JSON, none, text, octet-stream, multipart, form) and a body:
 * a valid instance of the documented schema, one mutated (a field removed, mistyped, null, 1e308, -0.0,
 * "NaN", very long, deeply nested, unpaired surrogate escapes, extra and duplicate fields), non-object or
 * invalid JSON, nothing, random bytes; signed requests to the round phases and the linkage relay carry
 * mutated protocol messages taken from a real run. Every answer must be below 500, every error a problem
 * JSON with its status, nothing may be logged above DEBUG with a stack trace or an exception, and the
 * server must be healthy, its log verifying, at the end.
 *
 * <p>The requests are generated in sequence from {@link #SEED}; keys, tokens and protocol messages are
 * fresh each run (the server and pet-core draw them from secure randomness), so a failure lists each
 * offending request in full. Requests run one at a time, so each meets the state its predecessors left.
 */
class OpenApiFuzzTest {

  /** The requests' seed; explore others with {@code -Dpet.fuzz.seed=N}. */
  private static final long SEED = 0x13_07_2026L;
  /** Requests per documented operation taking parameters or a body, and per operation taking neither. */
  private static final int REQUESTS_PER_OPERATION = 180;
  private static final int REQUESTS_PER_PLAIN_OPERATION = 40;
  private static final String TOKEN = "admin-token-for-fuzz-tests-0123456789";
  private static final String COUNCIL = "council";
  private static final String NHS = "nhs-trust";
  private static final String OUTSIDER = "outsider";
  private static final List<String> AGENCIES = List.of(COUNCIL, NHS, OUTSIDER);
  private static final String CSV = "unit,age,income,region\n1,34,1200,north\n1,35,1300,north\n2,51,900,south\n"
      + "3,28,,east\n4,77,2100,north\n5,19,400,south\n";
  private static final List<String> IDENTIFIERS = IntStream.range(0, 12).mapToObj(i -> "CH" + (4000 + i)).toList();
  private static final List<PsiRecord> VISITS = IntStream.range(6, 20)
      .mapToObj(i -> new PsiRecord("ch" + (4000 + i), 1 + i % 4)).toList();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** A mutation's marker for "remove the value". */
  private static final Object REMOVED = new Object();
  /** The statuses a request gets without reaching its handler. */
  private static final Set<Integer> REFUSED_BEFORE_THE_HANDLER = Set.of(401, 404, 405, 413, 415);

  @TempDir
  Path dataDirectory;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
  private final SplittableRandom random = new SplittableRandom(Long.getLong("pet.fuzz.seed", SEED));
  private PetServer server;
  private Vertx vertx;
  private HttpClient http;
  private Context context;
  private int port;
  private LogCapture logs;

  private final Map<String, IdentityKeyPair> keys = new LinkedHashMap<>();
  private String analystToken;
  private final List<String> datasets = new ArrayList<>();
  /** Every known round and its state, kept current: a long poll on a round's own state waits 25 s. */
  private final Map<String, String> rounds = new LinkedHashMap<>();
  /** Per open round, each agency's valid message for the open phase, not submitted: seeds to mutate. */
  private final Map<String, Map<String, byte[]>> roundSeeds = new HashMap<>();
  private final List<String> sessions = new ArrayList<>();
  /** Per waiting linkage session, the valid next step, not relayed: a seed to mutate. */
  private final Map<String, byte[]> sessionSeeds = new HashMap<>();
  /** The nonce of the last validly signed request, for replays. */
  private String lastNonce = "AAAAAAAAAAAAAAAAAAAAAA";
  /** The log's size after the set-up, for the proof and paging parameters. */
  private long logSize;
  /** The OpenAPI document as served, for resolving schema references. */
  private JsonNode document;

  @BeforeEach
  void start() {
    server = new PetServer(clock);
    // As a leader, so that the two-aggregator task routes (and GET /v1/aggregator) are live too.
    port = server.start(new PetServerConfig(0, null, TOKEN, dataDirectory, 1 << 20, null, "leader"));
    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    if (logs != null) {
      logs.stop();
    }
    http.close();
    vertx.close();
    server.close();
  }

  @Test
  void openApi_documentsEveryRoute_andRoutesEveryDocumentedPath() throws Exception {
    Set<String> documented = new TreeSet<>();
    openApi().path("paths").fieldNames().forEachRemaining(path -> documented.add(path.replaceAll("\\{(\\w+)}", ":$1")));
    assertThat(new TreeSet<>(server.routePaths())).isEqualTo(documented);
  }

  @Test
  void fuzzedRequests_overEveryDocumentedOperation_get4xxProblemsNever5xx_andLogNoStackTrace() throws Exception {
    List<Operation> operations = Operation.all(openApi());
    setUpState();
    List<Operation> schedule = new ArrayList<>();
    for (Operation operation : operations) {
      int count = operation.takesInput() ? REQUESTS_PER_OPERATION : REQUESTS_PER_PLAIN_OPERATION;
      for (int i = 0; i < count; i++) {
        schedule.add(operation);
      }
    }
    for (int i = schedule.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      schedule.set(i, schedule.set(j, schedule.get(i)));
    }

    logs = LogCapture.start();
    List<String> failures = new ArrayList<>();
    Map<String, Set<Integer>> statuses = new TreeMap<>();
    for (Operation operation : schedule) {
      Fuzzed request = generate(operation);
      Answer answer;
      try {
        answer = send(request.method(), request.uri(), request.headers(), request.body());
      } catch (ExecutionException | TimeoutException e) {
        failures.add("no answer (" + e + "): " + request);
        continue;
      }
      statuses.computeIfAbsent(operation.toString(), k -> new TreeSet<>()).add(answer.status());
      String failure = check(answer);
      if (failure != null) {
        failures.add(failure + ": " + request + " -> " + answer);
      }
      learn(operation, request, answer);
    }
    Answer health = send("GET", "/health", List.of(), null);
    Answer verification = send("GET", "/v1/transparency/log/verify", List.of(), null);
    String logged = logs.aboveDebug();
    logs.stop();
    logs = null;

    assertThat(schedule).hasSizeGreaterThan(3000);
    assertThat(failures).as("%d of %d requests", failures.size(), schedule.size()).isEmpty();
    assertThat(logged).doesNotContain("\tat ").doesNotContain("SEVERE").doesNotContain("WARNING")
        .doesNotContain("Exception").doesNotContainPattern("\\w+Error\\b");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("UP");
    assertThat(verification.json().getBoolean("valid")).as(verification.toString()).isTrue();
    statuses.forEach((operation, seen) -> assertThat(REFUSED_BEFORE_THE_HANDLER.containsAll(seen))
        .as("%s never reached its handler: %s", operation, seen).isFalse());
  }

  // ---- The state the requests meet ----

  private void setUpState() throws Exception {
    for (String agency : AGENCIES) {
      byte[] seed = new byte[32];
      fill(seed);
      keys.put(agency, IdentityKeyPair.fromPrivateKey(seed));
      expect(201, admin("POST", "/v1/agencies", new JsonObject().put("id", agency)
          .put("publicKey", B64.encodeToString(keys.get(agency).publicKey()))));
    }
    analystToken = expect(201, admin("POST", "/v1/analysts", new JsonObject().put("id", "analyst-1")))
        .getString("token");
    Files.createDirectories(dataDirectory.resolve("datasets"));
    Files.writeString(dataDirectory.resolve("datasets").resolve("people.csv"), CSV);
    for (String per : List.of("dataset", "analyst")) {
      datasets.add(expect(201, admin("POST", "/v1/datasets", new JsonObject().put("name", "people " + per)
          .put("unitColumn", "unit").put("csv", CSV)
          .put("budget", new JsonObject().put("epsilon", 1000).put("delta", 1e-3).put("per", per)))).getString("id"));
    }
    expect(200, send("POST", "/v1/datasets/" + datasets.get(0) + "/queries", List.of(
        Map.entry("Authorization", "Bearer " + analystToken), Map.entry("Content-Type", "application/json")),
        new JsonObject().put("type", "count").put("epsilon", 0.5).toBuffer().getBytes()));
    expect(201, admin("POST", "/v1/agreements", new JsonObject().put("parties", new JsonArray().add(COUNCIL).add(NHS))
        .put("purpose", "fuzzing").put("legalBasis", "consent").put("data", "counts")));

    // A round whose phase deadline passed with no answers, then one open in each phase, and one completed.
    String failed = createRound();
    clock.advance(Duration.ofSeconds(301));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!roundState(failed).equals("failed") && System.nanoTime() < deadline) {
      send("GET", "/v1/rounds/" + failed + "?after=keys", List.of(), null); // long poll: waits for the housekeeping
    }
    rounds.put(failed, roundState(failed));
    for (int phases = 0; phases <= RoundService.PHASES.size(); phases++) {
      String round = createRound();
      roundSeeds.put(round, runRound(round, phases));
      rounds.put(round, roundState(round));
    }
    assertThat(rounds.values()).containsExactlyInAnyOrderElementsOf(RoundService.STATES);

    for (int relayed = 0; relayed <= 4; relayed++) {
      String session = expect(201, admin("POST", "/v1/linkage", new JsonObject().put("purpose", "fuzzing")
          .put("identifierParty", COUNCIL).put("valueParty", NHS).put("maxValue", 4))).getString("id");
      sessions.add(session);
      byte[] next = relayLinkage(session, relayed);
      if (next != null) {
        sessionSeeds.put(session, next);
      }
    }
    logSize = expect(200, send("GET", "/v1/transparency/checkpoint", List.of(), null)).getLong("treeSize");
  }

  private String createRound() throws Exception {
    return expect(201, admin("POST", "/v1/rounds", new JsonObject().put("participants", new JsonArray().add(COUNCIL)
        .add(NHS)).put("threshold", 2).put("vectorLength", 4).put("phaseTimeoutSeconds", 300))).getString("id");
  }

  private String roundState(String round) throws Exception {
    return expect(200, send("GET", "/v1/rounds/" + round, List.of(), null)).getString("state");
  }

  /**
   * Runs the first {@code phases} phases of a round between the council and the NHS trust; returns each
   * agency's valid message for the phase then open (none once the round completed).
   */
  private Map<String, byte[]> runRound(String round, int phases) throws Exception {
    SecAggParameters parameters = RoundParametersJson.fromJson(expect(200, send("GET", "/v1/rounds/" + round,
        List.of(), null)));
    Map<String, SecAggClient> clients = new LinkedHashMap<>();
    Map<String, byte[]> next = new LinkedHashMap<>();
    for (String agency : List.of(COUNCIL, NHS)) {
      clients.put(agency, new SecAggClient(parameters, agency, new long[] {1, 2, 3, 4}, keys.get(agency)));
      next.put(agency, clients.get(agency).advertiseKeys().toBytes());
    }
    for (int phase = 0; phase < phases; phase++) {
      String path = "/v1/rounds/" + round + "/" + RoundService.PHASES.get(phase);
      for (Map.Entry<String, byte[]> message : next.entrySet()) {
        expect(200, signed(message.getKey(), "POST", path,
            new JsonObject().put("message", B64.encodeToString(message.getValue())).toBuffer().getBytes()));
      }
      if (phase == RoundService.PHASES.size() - 1) {
        return Map.of();
      }
      for (Map.Entry<String, SecAggClient> client : clients.entrySet()) {
        byte[] output = Base64.getUrlDecoder().decode(expect(200, signed(client.getKey(), "GET", path, null))
            .getString("message"));
        SecAggClient agency = client.getValue();
        next.put(client.getKey(), switch (phase) {
          case 0 -> agency.shareKeys(SecAggMessages.KeyDirectory.fromBytes(output)).toBytes();
          case 1 -> agency.maskedInput(SecAggMessages.ShareDelivery.fromBytes(output)).toBytes();
          case 2 -> agency.consistencyCheck(SecAggMessages.SurvivorSet.fromBytes(output)).toBytes();
          default -> agency.unmask(SecAggMessages.UnmaskingRequest.fromBytes(output)).toBytes();
        });
      }
    }
    return next;
  }

  /** Relays the first {@code steps} steps of a linkage session; returns the next step (null once completed). */
  private byte[] relayLinkage(String session, int steps) throws Exception {
    PsiParameters parameters = new PsiParameters(session, 4, 0, 0);
    PsiParty council = PsiParty.identifierParty(parameters, IDENTIFIERS);
    PsiParty nhs = PsiParty.valueParty(parameters, VISITS);
    List<PsiMessage> outgoing = council.start();
    PsiParty sender = council;
    for (int step = 1; step <= steps; step++) {
      expect(200, signed(sender == council ? COUNCIL : NHS, "POST", "/v1/linkage/" + session + "/messages",
          PsiWire.encode(outgoing.get(0))));
      sender = sender == council ? nhs : council;
      outgoing = sender.receive(outgoing.get(0));
    }
    return outgoing.isEmpty() ? null : PsiWire.encode(outgoing.get(0));
  }

  /** Keeps the state current after a request that may have changed it. */
  private void learn(Operation operation, Fuzzed request, Answer answer) throws Exception {
    if (answer.status() == 201 && operation.method().equals("POST")) {
      String id = answer.json().getString("id");
      switch (operation.path()) {
        case "/v1/rounds" -> rounds.put(id, "keys");
        case "/v1/linkage" -> sessions.add(id);
        case "/v1/datasets" -> datasets.add(id);
        default -> { }
      }
    }
    if (answer.status() == 200 && request.method().equals("POST") && operation.path().startsWith("/v1/rounds/")) {
      // an accepted message may have closed a phase
      for (String round : rounds.keySet()) {
        rounds.put(round, roundState(round));
      }
    }
  }

  // ---- Generating requests ----

  /** A documented operation: its method, path template and OpenAPI object. */
  private record Operation(String method, String path, JsonNode spec) {

    static List<Operation> all(JsonNode document) {
      List<Operation> operations = new ArrayList<>();
      document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
        if (Set.of("get", "post", "put", "delete", "patch").contains(operation.getKey())) {
          operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
              operation.getValue()));
        }
      }));
      return operations;
    }

    List<JsonNode> parameters(String in) {
      List<JsonNode> parameters = new ArrayList<>();
      spec.path("parameters").forEach(parameter -> {
        if (parameter.path("in").asText().equals(in)) {
          parameters.add(parameter);
        }
      });
      return parameters;
    }

    /** adminToken, analystToken, agencySignature, or "" for a public operation. */
    String security() {
      return spec.path("security").path(0).fieldNames().hasNext() ? spec.path("security").path(0).fieldNames().next()
          : "";
    }

    /** The documented body's media type, or null if the operation takes no body. */
    String bodyType() {
      var types = spec.path("requestBody").path("content").fieldNames();
      return types.hasNext() ? types.next() : null;
    }

    JsonNode bodySchema() {
      return spec.path("requestBody").path("content").path(bodyType()).path("schema");
    }

    boolean takesInput() {
      return spec.has("parameters") || spec.has("requestBody");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private enum Credential { NONE, WRONG_BEARER, ADMIN, ANALYST, SIGNED, BADLY_SIGNED }

  /** A generated request, described in full when it fails. */
  private record Fuzzed(String method, String uri, Credential credential, List<Map.Entry<String, String>> headers,
      byte[] body) {

    @Override
    public String toString() {
      String shown = body == null ? "none" : body.length + " bytes: "
          + printable(new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
      List<String> shownHeaders = headers.stream().map(header -> header.getKey() + ": " + (header.getValue()
          .length() > 60 ? header.getValue().substring(0, 60) + "..." : header.getValue())).toList();
      return method + " " + printable(uri.length() > 300 ? uri.substring(0, 300) + "..." : uri) + " (" + credential
          + ", headers " + shownHeaders + ", body " + shown + ")";
    }
  }

  /** What a request is about, chosen before its body is: the resource named in its path and the signer. */
  private static final class Target {
    String resource;
    String signer;
  }

  private Fuzzed generate(Operation operation) {
    String method = random.nextInt(40) == 0 ? pick("PUT", "DELETE", "PATCH") : operation.method();
    Target target = new Target();
    Credential credential = random.nextBoolean() ? documented(operation.security())
        : Credential.values()[random.nextInt(Credential.values().length)];
    int signer = random.nextInt(20);
    target.signer = signer < 9 ? COUNCIL : signer < 18 ? NHS : OUTSIDER;
    String path = path(operation, target);
    String uri = path + query(operation, target);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    byte[] body = body(operation, target, headers);
    switch (credential) {
      case NONE -> { }
      case WRONG_BEARER -> headers.add(Map.entry("Authorization", pick("Bearer wrong-token", "Bearer ", "Bearer",
          "bearer " + TOKEN, "Basic YWRtaW46YWRtaW4=", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
          "Bearer  " + TOKEN, "Token " + TOKEN, "Bearer " + "x".repeat(3000), "Bearer pet_" + randomBase64(32),
          "Bearer admin")));
      case ADMIN -> headers.add(Map.entry("Authorization", "Bearer " + TOKEN));
      case ANALYST -> headers.add(Map.entry("Authorization", "Bearer " + analystToken));
      case SIGNED -> {
        String nonce = randomBase64(16);
        signature(target.signer, keys.get(target.signer), method, path, body, now(), nonce).forEach((name, value) ->
            headers.add(Map.entry(name, value)));
        lastNonce = nonce;
      }
      default -> headers.addAll(badSignature(target.signer, method, path, body));
    }
    return new Fuzzed(method, uri, credential, headers, body);
  }

  private static Credential documented(String security) {
    return switch (security) {
      case "adminToken" -> Credential.ADMIN;
      case "analystToken" -> Credential.ANALYST;
      case "agencySignature" -> Credential.SIGNED;
      default -> Credential.NONE;
    };
  }

  private long now() {
    return clock.millis() / 1000;
  }

  private static Map<String, String> signature(String agency, IdentityKeyPair key, String method, String path,
      byte[] body, long timestamp, String nonce) {
    return SignedRequests.headers(agency, key, method, path, body, timestamp, nonce);
  }

  /**
   * Signature headers broken one way or two: signed with another key, over another path or body, at a time
   * out of the window, with a bad or replayed nonce, for an unknown agency; a header missing, garbled or
   * sent twice.
   */
  private List<Map.Entry<String, String>> badSignature(String agency, String method, String path, byte[] body) {
    IdentityKeyPair key = keys.get(agency);
    byte[] other = body == null ? new byte[] {1} : new byte[0];
    int flaw = random.nextInt(7);
    Map<String, String> headers = switch (flaw) {
      case 0 -> signature(agency, keys.get(agency.equals(OUTSIDER) ? COUNCIL : OUTSIDER), method, path, body, now(),
          randomBase64(16));
      case 1 -> signature(agency, key, method, path + "x", body, now(), randomBase64(16));
      case 2 -> signature(agency, key, method, path, other, now(), randomBase64(16));
      case 3 -> signature(agency, key, method, path, body, pick(now() - 301, now() + 301, now() - 100_000,
          Long.MIN_VALUE + now(), Long.MAX_VALUE, 0L, -1L), randomBase64(16));
      case 4 -> signature(agency, key, method, path, body, now(), pick(lastNonce, "short", "n".repeat(101), "",
          "é".repeat(30), "A".repeat(22)));
      case 5 -> signature(pick("nobody", "x".repeat(300), "agénce", "", "..", "admin"), key, method, path, body, now(),
          randomBase64(16));
      default -> signature(agency, key, method, path, body, now(), randomBase64(16));
    };
    String[] names = headers.keySet().toArray(String[]::new);
    String broken = names[random.nextInt(names.length)];
    if (flaw == 6 || random.nextInt(3) == 0) {
      switch (random.nextInt(3)) {
        case 0 -> headers.remove(broken);
        case 1 -> headers.put(broken, pick("", " ", "!!!", "AAAA", "-1", "1e9", "9".repeat(30), "%00", "null"));
        default -> headers.put(broken, headers.get(broken) + pick("=", "==", "x", " ", "\t"));
      }
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>(headers.entrySet());
    if (random.nextInt(10) == 0) {
      entries.add(Map.entry(broken, "second-value"));
    }
    return entries;
  }

  private String path(Operation operation, Target target) {
    String path = operation.path();
    if (path.contains("{id}")) {
      String id;
      if (random.nextInt(10) < 7) {
        id = knownId(operation);
        target.resource = id;
      } else {
        id = fuzzSegment();
      }
      path = path.replace("{id}", id);
    }
    if (path.contains("{step}")) {
      path = path.replace("{step}", random.nextInt(10) < 6 ? Integer.toString(1 + random.nextInt(4))
          : random.nextBoolean() ? pick("0", "5", "-1", "2147483648", "99999999999999999999", "1.0", "+1", "01", "%201",
              "%31", "1e0", "0x1", "\u0663") : fuzzSegment());
    }
    return switch (random.nextInt(40)) {
      case 0 -> path + "/";
      case 1 -> path.replaceFirst("/v1/", "/v1//");
      case 2 -> path + "/..";
      default -> path;
    };
  }

  /** A known id of the resource the operation's path names; for a round phase, mostly a round in that phase. */
  private String knownId(Operation operation) {
    String[] segments = operation.path().split("/");
    if (operation.path().startsWith("/v1/rounds/")) {
      String phase = segments[segments.length - 1];
      if (RoundService.PHASES.contains(phase) && random.nextInt(5) > 0) {
        for (Map.Entry<String, String> round : rounds.entrySet()) {
          if (round.getValue().equals(phase)) {
            return round.getKey();
          }
        }
      }
      return pickFrom(List.copyOf(rounds.keySet()));
    }
    if (operation.path().startsWith("/v1/linkage/")) {
      return pickFrom(sessions);
    }
    if (random.nextInt(10) == 0) {
      return pickFrom(List.copyOf(rounds.keySet())); // an id of another kind of resource
    }
    return pickFrom(datasets);
  }

  /** A path segment that names nothing: any length, alphabet and encoding, well-formed or not. */
  private String fuzzSegment() {
    return switch (random.nextInt(12)) {
      case 0 -> "";
      case 1 -> randomString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-",
          pick(1, 63, 64, 65, 199, 200, 201, 300, random.nextInt(301)));
      case 2 -> randomString("abcXYZ019-._~!$&'()*+,;=:@", random.nextInt(301));
      case 3 -> percentEncoded(unicode(1 + random.nextInt(40)));
      case 4 -> percentEncoded(randomString("abc-_.", 1 + random.nextInt(20)));
      case 5 -> pick("%", "%u0", "%zz", "%4", "abc%", "%%", "%G1", "%%41", "a%2", "%u00e9");
      case 6 -> pick("..", ".", "%2e%2e", "%2E", "..%2f..%2fetc%2fpasswd", "%2F", "a%2Fb", "...");
      case 7 -> pick("%00", "%0a", "%0d%0a", "%ff%fe", "%c3%28", "%ed%a0%80", "%e2%80%ae", "%c0%af");
      case 8 -> pick("admin", "*", "null", "undefined", "0", "-1", "99999999999999999999999", "1e308", "NaN",
          "true", "{id}", ":id");
      case 9 -> "x" + unicode(1 + random.nextInt(20)).replaceAll("[\\x00-\\x7F&&[^A-Za-z0-9]]", ""); // raw
      case 10 -> UUID.nameUUIDFromBytes(new byte[] {(byte) random.nextInt()}).toString();
      default -> "x".repeat(random.nextInt(300));
    };
  }

  private String query(Operation operation, Target target) {
    List<String> pairs = new ArrayList<>();
    for (JsonNode parameter : operation.parameters("query")) {
      if (random.nextInt(4) == 0) {
        continue;
      }
      String name = parameter.path("name").asText();
      int copies = random.nextInt(10) == 0 ? 2 : 1;
      for (int i = 0; i < copies; i++) {
        pairs.add(name + "=" + queryValue(parameter.path("schema"), target));
      }
    }
    if (random.nextInt(8) == 0) {
      pairs.add(pick("x", "from", "after", "limit", "", "%zz", "a[]") + "=" + fuzzQueryValue());
    }
    if (random.nextInt(30) == 0) {
      pairs.add(pick("novalue", "&", "=", "==x"));
    }
    return pairs.isEmpty() ? random.nextInt(30) == 0 ? "?" : "" : "?" + String.join("&", pairs);
  }

  private String queryValue(JsonNode schema, Target target) {
    if (random.nextBoolean()) {
      return fuzzQueryValue();
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.path("enum").forEach(value -> values.add(value.asText()));
      values.remove(rounds.get(target.resource)); // the round's own state would be a 25-second long poll
      return pickFrom(values);
    }
    if (schema.path("type").asText().equals("integer")) {
      return Long.toString(schema.path("minimum").asLong(0) + random.nextLong(logSize + 3));
    }
    return percentEncoded(randomString("abc", 3));
  }

  private String fuzzQueryValue() {
    return switch (random.nextInt(5)) {
      case 0 -> pick("-1", "0", "1", "-0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
          "2147483648", "99999999999999999999999999", "1e3", "1.5", "0x10", "+5", "%201", "1%20", "\uff11");
      case 1 -> pick("", "abc", "null", "true", "[]", "%u0", "%", "%zz", "%00", "%ff", "KEYS", "keys%20", "Failed");
      case 2 -> percentEncoded(unicode(1 + random.nextInt(30)));
      case 3 -> Long.toString(random.nextLong());
      default -> percentEncoded(randomString("0123456789-.e+x", random.nextInt(40)));
    };
  }

  // ---- Bodies ----

  private byte[] body(Operation operation, Target target, List<Map.Entry<String, String>> headers) {
    String documented = operation.bodyType();
    String type = random.nextInt(10) < 7 ? documented : pick(null, "application/json", "text/plain",
        "application/octet-stream", "multipart/form-data; boundary=pet", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "APPLICATION/JSON", "application/problem+json", "*/*", "",
        "Multipart/Mixed", "application/x-www-form-urlencoded; charset=utf-8");
    if (type != null) {
      headers.add(Map.entry("Content-Type", type));
    }
    if (documented == null) {
      return random.nextInt(6) == 0 ? malformedJson() : null;
    }
    if (documented.equals("application/octet-stream")) {
      return linkageMessage(target);
    }
    int kind = random.nextInt(100);
    if (kind < 30) {
      return encode(valid(operation.bodySchema(), "", target), List.of());
    }
    if (kind < 75) {
      List<String> raw = new ArrayList<>();
      JsonObject object = (JsonObject) valid(operation.bodySchema(), "", target);
      for (int i = random.nextInt(3); i >= 0; i--) {
        mutate(object, raw);
      }
      byte[] encoded = encode(object, raw);
      if (random.nextInt(8) == 0 && !object.isEmpty()) { // a duplicate key
        String key = object.fieldNames().iterator().next();
        encoded = ("{\"" + key + "\":" + pick("1", "\"x\"", "null", "{}") + "," + new String(encoded,
            StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8);
      }
      return encoded;
    }
    return malformedJson();
  }

  /**
   * A valid instance of {@code schema}, with values from the server's state for the fields whose schema
   * alone cannot say (registered agencies, the dataset's columns, the round's protocol message, ...).
   */
  private Object valid(JsonNode schema, String field, Target target) {
    Object hint = hint(field, target);
    if (hint != null) {
      return hint;
    }
    JsonNode resolved = schema.has("$ref") ? document.at(schema.path("$ref").asText().substring(1)) : schema;
    switch (resolved.path("type").asText()) {
      case "object" -> {
        JsonObject object = new JsonObject();
        Set<String> required = new TreeSet<>();
        resolved.path("required").forEach(name -> required.add(name.asText()));
        resolved.path("properties").fields().forEachRemaining(property -> {
          if (required.contains(property.getKey()) || random.nextInt(5) > 0) {
            object.put(property.getKey(), valid(property.getValue(), property.getKey(), target));
          }
        });
        if (object.containsKey("csv") && object.containsKey("path")) { // "exactly one of csv and path"
          object.remove(random.nextBoolean() ? "csv" : "path");
        }
        return object;
      }
      case "array" -> {
        JsonArray array = new JsonArray();
        for (int i = resolved.path("minItems").asInt(0) + random.nextInt(3); i > 0; i--) {
          array.add(valid(resolved.path("items"), field, target));
        }
        return array;
      }
      case "integer" -> {
        long minimum = resolved.path("minimum").asLong(0);
        return (int) Math.min(resolved.path("maximum").asLong(Long.MAX_VALUE), minimum + random.nextInt(10));
      }
      case "number" -> {
        double minimum = resolved.has("exclusiveMinimum") ? resolved.path("exclusiveMinimum").asDouble()
            : resolved.path("minimum").asDouble(0);
        double maximum = resolved.path("maximum").asDouble(minimum + 10);
        double value = minimum + random.nextDouble() * (maximum - minimum);
        return value == minimum && resolved.has("exclusiveMinimum") ? maximum : value;
      }
      case "boolean" -> {
        return random.nextBoolean();
      }
      default -> {
        if (resolved.has("enum")) {
          List<String> values = new ArrayList<>();
          resolved.path("enum").forEach(value -> values.add(value.asText()));
          return pickFrom(values);
        }
        if (resolved.has("pattern")) {
          return randomString("abcdefghijklmnopqrstuvwxyz0123456789._-", 1 + random.nextInt(64));
        }
        return "fuzz " + randomString("abcdefghij ", random.nextInt(30));
      }
    }
  }

  private Object hint(String field, Target target) {
    return switch (field) {
      case "participants" -> random.nextInt(5) == 0 ? new JsonArray().add(COUNCIL).add(NHS).add(OUTSIDER)
          : random.nextBoolean() ? new JsonArray().add(COUNCIL).add(NHS) : new JsonArray().add(NHS).add(COUNCIL);
      case "threshold" -> 2;
      case "vectorLength" -> 1 + random.nextInt(8);
      case "identifierParty" -> random.nextInt(4) == 0 ? NHS : COUNCIL;
      case "valueParty" -> random.nextInt(4) == 0 ? COUNCIL : NHS;
      case "publicKey" -> randomBase64(32);
      case "csv" -> random.nextInt(4) == 0 ? CSV.replace(",", ";") : CSV;
      case "path" -> pick("people.csv", "missing.csv", "../people.csv", "/etc/passwd", "datasets/../people.csv");
      case "unitColumn" -> random.nextInt(5) == 0 ? "age" : "unit";
      case "column" -> pick("age", "income", "unit", "region");
      case "groupBy" -> random.nextInt(5) == 0 ? "age" : "region";
      case "keys" -> new JsonArray().add("north").add("south");
      case "lower" -> random.nextInt(4) == 0 ? 100.0 : 0.0;
      case "upper" -> random.nextInt(4) == 0 ? 0.0 : 100.0;
      case "delta" -> random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 1e-3;
      case "message" -> roundMessage(target);
      default -> null;
    };
  }

  /** A round message in base64url: the signer's valid one for the open phase, mutated, or any bytes. */
  private String roundMessage(Target target) {
    byte[] seed = roundSeeds.getOrDefault(target.resource, Map.of()).get(target.signer);
    return switch (random.nextInt(seed == null ? 2 : 10)) {
      case 0 -> pick("", "!!!", "AA==", "A", "=", "+/+/", "AAAA\nAAAA", randomBase64(1 + random.nextInt(2000)));
      case 1 -> B64.encodeToString(randomBytes(random.nextInt(300)));
      case 2, 3 -> B64.encodeToString(seed);
      default -> B64.encodeToString(mutateBytes(seed));
    };
  }

  /** A linkage step: the session's valid next step, mutated, or any bytes. */
  private byte[] linkageMessage(Target target) {
    byte[] seed = sessionSeeds.get(target.resource);
    int kind = random.nextInt(10);
    if (seed != null && kind < 2) {
      return seed;
    }
    if (seed != null && kind < 7) {
      return mutateBytes(seed);
    }
    ByteBuffer header = ByteBuffer.allocate(13).put(new byte[] {'P', 'S', 'I', '1'}).put((byte) random.nextInt(-1, 6))
        .putInt(pick(0, 1, -1, Integer.MAX_VALUE, 1 << 20)).putInt(random.nextInt());
    return switch (random.nextInt(5)) {
      case 0 -> new byte[0];
      case 1 -> randomBytes(1 + random.nextInt(4000));
      case 2 -> header.array();
      case 3 -> concat(header.array(), randomBytes(random.nextInt(400)));
      default -> new JsonObject().put("message", "AAAA").toBuffer().getBytes();
    };
  }

  /** One to four byte-level mutations: bit flips, truncation, extension, boundary integers, zeroed spans. */
  private byte[] mutateBytes(byte[] seed) {
    byte[] bytes = seed.clone();
    for (int i = random.nextInt(4); i >= 0; i--) {
      if (bytes.length < 8) {
        return concat(bytes, randomBytes(8));
      }
      int at = random.nextInt(bytes.length - 7);
      switch (random.nextInt(6)) {
        case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
        case 2 -> bytes = concat(bytes, randomBytes(1 + random.nextInt(64)));
        case 3 -> ByteBuffer.wrap(bytes).putInt(at, pick(-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65_536));
        case 4 -> ByteBuffer.wrap(bytes).putLong(at, pick(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE));
        default -> Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(64)), (byte) 0);
      }
    }
    return bytes;
  }

  /**
   * Mutates one value of {@code root} (or adds a field): removed, null, another type, an extreme number, an
   * odd string, deep nesting, a huge array. Values JSON cannot hold as such are markers in {@code raw}.
   */
  private void mutate(JsonObject root, List<String> raw) {
    List<Object[]> slots = new ArrayList<>();
    List<JsonObject> objects = new ArrayList<>();
    collect(root, slots, objects);
    int kind = random.nextInt(9);
    if (kind == 0 || slots.isEmpty()) {
      objects.get(random.nextInt(objects.size())).put(pick("extra", "", "__proto__", "x".repeat(300), "épée", "id",
          "\u0000"), pick("x", 1, null, new JsonObject(), new JsonArray().add(1)));
      return;
    }
    Object[] slot = slots.get(random.nextInt(slots.size()));
    Object value = switch (kind) {
      case 1 -> null;
      case 2 -> pick("text", 7, -1, 3.5, true, false, new JsonArray(), new JsonObject(),
          new JsonArray().add("a").add(1).addNull(), new JsonObject().put("a", 1));
      case 3, 4 -> raw(raw, pick("1e308", "-1e308", "1e309", "-1e309", "-0.0", "0", "-0", "-1", "1e-320", "4.9E-324",
          "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
          "-9223372036854775809", "123456789012345678901234567890", "1e10", "1.0000001e6", "1e6", "0.5", "NaN",
          "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"1\"", "1" + "0".repeat(400),
          "0." + "0".repeat(1200) + "1", "1e-400", "1E+2147483648"));
      case 5 -> oddString(raw);
      case 6 -> {
        int depth = pick(64, 999, 1001, 3000);
        yield raw(raw, random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
      }
      case 7 -> {
        JsonArray array = new JsonArray();
        Object element = slot[0] instanceof JsonArray parent && !parent.isEmpty() ? parent.getValue(0) : "x";
        IntStream.range(0, pick(1000, 5000)).forEach(i -> array.add(random.nextBoolean() ? element : "e" + i));
        yield array;
      }
      default -> REMOVED;
    };
    if (slot[0] instanceof JsonObject parent) {
      if (value == REMOVED) {
        parent.remove((String) slot[1]);
      } else {
        parent.put((String) slot[1], value);
      }
    } else {
      JsonArray parent = (JsonArray) slot[0];
      if (value == REMOVED) {
        parent.remove((int) slot[1]);
      } else {
        parent.set((int) slot[1], value);
      }
    }
  }

  private Object oddString(List<String> raw) {
    return switch (random.nextInt(4)) {
      case 0 -> pick("", " ", "\t\n", "x".repeat(65), "x".repeat(201), "x".repeat(10_001), "é".repeat(5000),
          "x".repeat(100_001));
      case 1 -> pick("conseil-général", "\ud83d\ude00", "\u0000", "\u202eabc", "admin", "*", "../../../../etc/passwd",
          "/etc/passwd", "'; DROP TABLE agencies; --", "%u0", "${jndi:ldap://x}", "1e308", "NaN", "-0.0", "\u0085");
      case 2 -> unicode(1 + random.nextInt(200));
      default -> raw(raw, pick("\"\\ud800\"", "\"\\udc00x\"", "\"a\\ud83d\"", "\"\\x41\"", "\"\\u00\"",
          "\"" + "\\ud800".repeat(100) + "\"", "\"\\u0000\""));
    };
  }

  private static String raw(List<String> raw, String text) {
    raw.add(text);
    return "RAW@@" + (raw.size() - 1) + "@@";
  }

  private static byte[] encode(Object json, List<String> raw) {
    String text = json instanceof JsonObject object ? object.encode() : String.valueOf(json);
    for (int i = 0; i < raw.size(); i++) {
      text = text.replace("\"RAW@@" + i + "@@\"", raw.get(i));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void collect(Object json, List<Object[]> slots, List<JsonObject> objects) {
    if (json instanceof JsonObject object) {
      objects.add(object);
      for (String name : List.copyOf(object.fieldNames())) {
        slots.add(new Object[] {object, name});
        collect(object.getValue(name), slots, objects);
      }
    } else if (json instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Object[] {array, i});
        collect(array.getValue(i), slots, objects);
      }
    }
  }

  /** JSON that is not an object, not JSON at all, empty, binary, in another encoding, too deep or too large. */
  private byte[] malformedJson() {
    return switch (random.nextInt(12)) {
      case 0 -> utf8(pick("\"x\"", "[1,2]", "1", "null", "true", "[]", "[{}]", "\"\"", "-0.0", "1e308"));
      case 1 -> utf8(pick("{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1}}", "{\"a\":1} x", "NaN", "{\"a\":1,}",
          "{\"a\" 1}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":01}", "/* c */ {}", "{\"a\":\"b"));
      case 2 -> new byte[0];
      case 3 -> randomBytes(1 + random.nextInt(4096));
      case 4 -> "{\"purpose\":\"x\"}".getBytes(StandardCharsets.UTF_16);
      case 5 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"a\":1}"));
      case 6 -> concat(concat(utf8("{\"purpose\":\""), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}), utf8("\"}"));
      case 7 -> random.nextInt(5) == 0 ? new byte[(1 << 20) + 1] : utf8("{\"a\":\"" + "x".repeat(200_000) + "\"}");
      case 8 -> utf8("[".repeat(20_000) + "]".repeat(20_000));
      case 9 -> utf8(IntStream.range(0, 10_000).mapToObj(i -> "\"k" + i + "\":" + i)
          .collect(Collectors.joining(",", "{", "}")));
      case 10 -> utf8(" \n\t ");
      default -> new byte[1 + random.nextInt(100)];
    };
  }

  // ---- Checking answers ----

  /** What is wrong with an answer, or null: a 5xx, or an error that is not problem JSON with its status. */
  private static String check(Answer answer) {
    if (answer.status() >= 500) {
      return "a server error";
    }
    if (answer.status() < 400) {
      return null;
    }
    if (!"application/problem+json".equals(answer.contentType())) {
      return "an error that is not problem JSON";
    }
    JsonObject problem;
    try {
      problem = answer.json();
    } catch (DecodeException | ClassCastException e) {
      return "a problem that is not a JSON object";
    }
    if (!Integer.valueOf(answer.status()).equals(problem.getInteger("status"))) {
      return "a problem with another status";
    }
    String detail = String.valueOf(problem.getValue("detail"));
    if (detail.contains("Exception") || detail.matches("(?s).*\\w+Error\\b.*") || detail.contains("\tat ")
        || detail.length() > 1000) {
      return "a problem detail naming an exception, or of over 1,000 characters";
    }
    return null;
  }

  // ---- HTTP ----

  private record Answer(int status, String contentType, Buffer body) {

    JsonObject json() {
      return new JsonObject(body);
    }

    @Override
    public String toString() {
      String text = body.toString(StandardCharsets.UTF_8);
      return status + " " + contentType + " " + printable(text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  private Answer send(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body)
      throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost("localhost")
        .setPort(port).setURI(uri);
    headers.forEach(header -> options.addHeader(header.getKey(), header.getValue()));
    // The whole exchange runs on one event loop: composed on this thread, a fast answer's body could be
    // delivered before body() asks for it, and be lost.
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(v -> http.request(options)
        .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(buffer -> new Answer(response.statusCode(),
            response.getHeader("Content-Type"), buffer)))
        .onComplete(answer));
    return answer.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private Answer admin(String method, String path, JsonObject body) throws Exception {
    return send(method, path, List.of(Map.entry("Authorization", "Bearer " + TOKEN),
        Map.entry("Content-Type", "application/json")), body.toBuffer().getBytes());
  }

  private Answer signed(String agency, String method, String path, byte[] body) throws Exception {
    List<Map.Entry<String, String>> headers = new ArrayList<>(signature(agency, keys.get(agency), method, path, body,
        now(), randomBase64(16)).entrySet());
    return send(method, path, headers, body);
  }

  private static JsonObject expect(int status, Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    return answer.json();
  }

  private JsonNode openApi() throws Exception {
    Answer answer = send("GET", "/openapi.yaml", List.of(), null);
    assertThat(answer.status()).isEqualTo(200);
    document = new ObjectMapper(new YAMLFactory()).readTree(answer.body().toString(StandardCharsets.UTF_8));
    return document;
  }

  // ---- Randomness (all from SEED) ----

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private <T> T pickFrom(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private void fill(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    fill(bytes);
    return bytes;
  }

  private String randomBase64(int bytes) {
    return B64.encodeToString(randomBytes(bytes));
  }

  private String randomString(String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Code points from Latin-1 to the astral planes, including combining marks, bidi controls and emoji. */
  private String unicode(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(switch (random.nextInt(6)) {
        case 0 -> 0xA0 + random.nextInt(0x160);
        case 1 -> 0x300 + random.nextInt(0x70);
        case 2 -> pick(0x200B, 0x202E, 0xFEFF, 0x3000, 0x85, 0x2028);
        case 3 -> 0x4E00 + random.nextInt(0x5000);
        case 4 -> 0x1F600 + random.nextInt(0x50);
        default -> 0x20 + random.nextInt(0x5F);
      });
    }
    return text.toString();
  }

  private static String percentEncoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }

  /** Control characters shown as escapes, so a report stays on one line. */
  private static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    text.codePoints().forEach(c -> shown.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", c)
        : new String(Character.toChars(c))));
    return shown.toString();
  }
}
