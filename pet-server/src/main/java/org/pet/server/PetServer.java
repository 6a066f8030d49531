package org.pet.server;

import static org.pet.server.http.JsonFields.number;
import static org.pet.server.http.JsonFields.optionalObject;
import static org.pet.server.http.JsonFields.requiredArray;
import static org.pet.server.http.JsonFields.requiredInt;
import static org.pet.server.http.JsonFields.requiredText;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.pet.server.http.HttpProblem;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.auth.AnalystRepository;
import org.pet.server.linkage.LinkageRepository;
import org.pet.server.linkage.LinkageService;
import org.pet.server.metrics.ServerMetrics;
import org.pet.random.Randomness;
import org.pet.server.auth.RequestSignature;
import org.pet.server.http.Problems;
import org.pet.server.rounds.RoundRepository;
import org.pet.server.rounds.RoundService;
import org.pet.server.query.DatasetRepository;
import org.pet.server.query.DpQuery;
import org.pet.server.query.QueryService;
import org.pet.server.store.Database;
import org.pet.server.store.TransparencyLogRepository;
import org.pet.server.transparency.TransparencyService;
import org.pet.transparency.LogEntry;

/**
 * The pet HTTP server (Vert.x). Handlers are thin: they parse and validate, run the service on a worker
 * thread (JDBC never runs on the event loop) and map typed errors to RFC 9457 problem JSON.
 *
 * <p>Three kinds of caller: the administrator (bearer token from the configuration) registers agencies,
 * analysts, datasets, agreements, rounds and linkage sessions; analysts (bearer tokens issued by
 * {@code POST /v1/analysts}) query datasets; agencies sign every request with their Ed25519 key, including
 * the steps they relay in rounds and linkage sessions. Every route is documented in
 * {@code openapi.yaml}. An access log line per request ({@code System.Logger} "org.pet.server.access")
 * at DEBUG level names the method, path, status and duration only - never a body, header or token.
 */
public final class PetServer implements AutoCloseable {

  static final int MAX_PAGE = 1000;
  /** The longest a long poll of a round's status waits. */
  static final long LONG_POLL_MILLIS = 25_000;
  private static final String PRINCIPAL = "principal";
  private static final String ADMIN = AnalystRepository.ADMIN;
  private static final System.Logger ACCESS_LOG = System.getLogger("org.pet.server.access");

  private Vertx vertx;
  private HttpServer http;
  private Router router;
  private Database database;
  private TransparencyService transparency;
  private QueryService queries;
  private AgencyRepository agencies;
  private AnalystRepository analysts;
  private RoundService rounds;
  private LinkageService linkage;
  private ServerMetrics metrics;
  private long deadlineTimer;
  private String openApi;
  private byte[] adminTokenDigest;

  /**
   * Starts the server and returns the bound port.
   *
   * @throws IllegalStateException if it is already started or cannot bind
   */
  public synchronized int start(PetServerConfig config) {
    if (vertx != null) {
      throw new IllegalStateException("the server is already started");
    }
    database = Database.open(config.effectiveDatabaseUrl(), null, null);
    metrics = new ServerMetrics();
    transparency = new TransparencyService(new TransparencyLogRepository(database), config.dataDirectory());
    queries = new QueryService(new DatasetRepository(database), transparency, metrics,
        config.dataDirectory().resolve("datasets"));
    agencies = new AgencyRepository(database);
    analysts = new AnalystRepository(database);
    try {
      rounds = new RoundService(new RoundRepository(database), agencies, transparency, metrics);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot load the stored rounds", e);
    }
    metrics.roundStates(RoundService.STATES, rounds::countByState);
    linkage = new LinkageService(new LinkageRepository(database), agencies, transparency, metrics);
    adminTokenDigest = sha256(config.adminToken());
    openApi = readResource("/openapi.yaml");
    vertx = Vertx.vertx();
    router = Router.router(vertx);
    router.route().handler(this::timeRequest);
    router.route().handler(BodyHandler.create().setBodyLimit(config.maxBodyBytes()));
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics.scrape()));
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
    router.post("/v1/agreements").handler(this::requireAdmin).handler(this::recordAgreement);
    router.post("/v1/datasets").handler(this::requireAdmin).handler(this::registerDataset);
    router.post("/v1/datasets/:id/queries").handler(this::requireAnalyst).handler(this::runQuery);
    router.get("/v1/datasets/:id/budget").handler(this::requireAnalyst).handler(ctx -> blocking(ctx,
        () -> queries.budget(ctx.pathParam("id"), ctx.get(PRINCIPAL), ADMIN.equals(ctx.get(PRINCIPAL))), b -> b));
    router.post("/v1/analysts").handler(this::requireAdmin).handler(this::registerAnalyst);
    router.post("/v1/agencies").handler(this::requireAdmin).handler(this::registerAgency);
    router.post("/v1/rounds").handler(this::requireAdmin).handler(this::createRound);
    router.get("/v1/rounds/:id").handler(this::roundStatus);
    router.get("/v1/rounds/:id/result").handler(ctx -> blocking(ctx, () -> rounds.result(ctx.pathParam("id")), r -> r));
    for (String phase : RoundService.PHASES) {
      router.post("/v1/rounds/:id/" + phase).handler(this::requireAgency).handler(ctx -> {
        JsonObject body = ctx.body().asJsonObject();
        String message = body == null ? null : body.getString("message");
        blocking(ctx, () -> rounds.submit(ctx.pathParam("id"), ctx.get("agency"), phase, message), r -> r);
      });
      if (!phase.equals("unmask")) {
        router.get("/v1/rounds/:id/" + phase).handler(this::requireAgency).handler(ctx ->
            blocking(ctx, () -> rounds.output(ctx.pathParam("id"), ctx.get("agency"), phase), r -> r));
      }
    }
    router.post("/v1/linkage").handler(this::requireAdmin)
        .handler(ctx -> blocking(ctx, () -> linkage.create(requiredBody(ctx)), created(ctx)));
    router.get("/v1/linkage/:id").handler(ctx -> blocking(ctx, () -> linkage.describe(ctx.pathParam("id")), d -> d));
    router.post("/v1/linkage/:id/messages").handler(this::requireAgency).handler(ctx -> blocking(ctx,
        () -> linkage.submit(ctx.pathParam("id"), ctx.get("agency"), ctx.body().buffer() == null ? new byte[0]
            : ctx.body().buffer().getBytes()), status -> status));
    router.get("/v1/linkage/:id/messages/:step").handler(this::requireAgency).handler(this::linkageMessage);
    router.get("/v1/transparency/log").handler(this::listLog);
    router.get("/v1/transparency/log/verify").handler(ctx -> blocking(ctx, transparency::verifyAll,
        result -> new JsonObject().put("valid", result.valid()).put("firstInvalidIndex", result.firstInvalidIndex())
            .put("reason", result.reason())));
    router.get("/v1/transparency/key").handler(ctx -> ctx.json(new JsonObject().put("algorithm", "Ed25519")
        .put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(transparency.publicKey()))));
    router.route().failureHandler(Problems::handle);
    router.route().last().handler(ctx -> ctx.fail(HttpProblem.notFound("no such resource: " + ctx.request().path())));
    Vertx current = vertx;
    deadlineTimer = vertx.setPeriodic(1000, id -> current.executeBlocking(() -> {
      rounds.closeExpired(System.currentTimeMillis());
      return null;
    }, false));
    http = vertx.createHttpServer(new HttpServerOptions().setPort(config.port()))
        .requestHandler(router).listen().toCompletionStage().toCompletableFuture().join();
    return http.actualPort();
  }

  private void timeRequest(RoutingContext ctx) {
    Timer.Sample sample = metrics.startRequest();
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      int status = ctx.response().getStatusCode();
      metrics.requestDone(sample, ctx.request().method().name(), status);
      ACCESS_LOG.log(System.Logger.Level.DEBUG, "{0} {1} {2} {3}ms", ctx.request().method().name(),
          ctx.request().path(), status, (System.nanoTime() - start) / 1_000_000);
    });
    ctx.next();
  }

  private void requireAdmin(RoutingContext ctx) {
    if (!isAdmin(bearerToken(ctx))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(HttpProblem.unauthorized("an administrator bearer token is required"));
      return;
    }
    ctx.put(PRINCIPAL, ADMIN);
    ctx.next();
  }

  /** The administrator, or an analyst identified by the SHA-256 of their bearer token. */
  private void requireAnalyst(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (isAdmin(token)) {
      ctx.put(PRINCIPAL, ADMIN);
      ctx.next();
      return;
    }
    if (token == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(HttpProblem.unauthorized("an analyst or administrator bearer token is required"));
      return;
    }
    String digest = HexFormat.of().formatHex(sha256(token));
    vertx.executeBlocking(() -> analysts.byTokenDigest(digest)
        .orElseThrow(() -> HttpProblem.unauthorized("unknown bearer token")), false).onSuccess(analyst -> {
          ctx.put(PRINCIPAL, analyst);
          ctx.next();
        }).onFailure(ctx::fail);
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header == null || !header.startsWith("Bearer ") ? null : header.substring("Bearer ".length());
  }

  private boolean isAdmin(String token) {
    return token != null && MessageDigest.isEqual(sha256(token), adminTokenDigest);
  }

  /** Issues an analyst's bearer token; it is shown once and only its SHA-256 is kept. */
  private void registerAnalyst(RoutingContext ctx) {
    String id = requiredText(requiredBody(ctx), "id");
    if (!AnalystRepository.validId(id)) {
      throw HttpProblem.badRequest("`id` must be 1-100 letters, digits or ._@- and not \"admin\"");
    }
    byte[] secret = new byte[32];
    Randomness.secureRandom().nextBytes(secret);
    String token = "pet_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    blocking(ctx, () -> {
      if (!analysts.insert(id, HexFormat.of().formatHex(sha256(token)))) {
        throw new HttpProblem(409, "Conflict", "analyst " + id + " is already registered");
      }
      transparency.append("analyst-registered", new JsonObject().put("analyst", id).encode());
      return new JsonObject().put("id", id).put("token", token);
    }, created(ctx));
  }

  /**
   * Authenticates an agency request signed per {@link RequestSignature}: registered agency, timestamp
   * within the allowed skew, fresh nonce, valid Ed25519 signature over method, path, body digest,
   * timestamp and nonce.
   */
  private void requireAgency(RoutingContext ctx) {
    String agency = ctx.request().getHeader(RequestSignature.AGENCY);
    String timestamp = ctx.request().getHeader(RequestSignature.TIMESTAMP);
    String nonce = ctx.request().getHeader(RequestSignature.NONCE);
    String signature = ctx.request().getHeader(RequestSignature.SIGNATURE);
    if (agency == null || timestamp == null || nonce == null || signature == null) {
      ctx.fail(HttpProblem.unauthorized("agency requests must be signed (X-Pet-Agency, X-Pet-Timestamp, "
          + "X-Pet-Nonce, X-Pet-Signature)"));
      return;
    }
    long now = System.currentTimeMillis() / 1000;
    long time;
    byte[] signatureBytes;
    try {
      time = Long.parseLong(timestamp);
      signatureBytes = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      ctx.fail(HttpProblem.unauthorized("malformed timestamp or signature header"));
      return;
    }
    if (Math.abs(now - time) > RequestSignature.MAX_SKEW_SECONDS) {
      ctx.fail(HttpProblem.unauthorized("stale request timestamp"));
      return;
    }
    if (nonce.length() < 22 || nonce.length() > 100) {
      ctx.fail(HttpProblem.unauthorized("the nonce must be 16 to 75 random bytes in base64url"));
      return;
    }
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    byte[] content = RequestSignature.content(ctx.request().method().name(), ctx.request().path(), body, time, nonce);
    vertx.executeBlocking(() -> {
      byte[] key = agencies.publicKey(agency).orElseThrow(() -> HttpProblem.unauthorized("unknown agency"));
      try {
        new com.google.crypto.tink.subtle.Ed25519Verify(key).verify(signatureBytes, content);
      } catch (java.security.GeneralSecurityException e) {
        throw HttpProblem.unauthorized("invalid request signature");
      }
      if (!agencies.firstUse(agency, nonce, now)) {
        throw HttpProblem.unauthorized("replayed request (nonce already used)");
      }
      return agency;
    }, false).onSuccess(authenticated -> {
      ctx.put("agency", authenticated);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private void registerAgency(RoutingContext ctx) {
    JsonObject body = requiredBody(ctx);
    String id = requiredText(body, "id");
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(requiredText(body, "publicKey"));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`publicKey` must be base64url");
    }
    if (key.length != 32) {
      throw HttpProblem.badRequest("`publicKey` must be a 32-byte Ed25519 public key");
    }
    blocking(ctx, () -> {
      if (agencies.publicKey(id).isPresent()) {
        throw new HttpProblem(409, "Conflict", "agency " + id + " is already registered");
      }
      agencies.insert(id, key);
      return new JsonObject().put("id", id);
    }, created(ctx));
  }

  private void createRound(RoutingContext ctx) {
    JsonObject body = requiredBody(ctx);
    JsonArray participants = requiredArray(body, "participants");
    List<String> ids = new ArrayList<>();
    for (Object participant : participants) {
      if (!(participant instanceof String id) || id.isBlank()) {
        throw HttpProblem.badRequest("`participants` must be non-blank agency ids");
      }
      ids.add(id);
    }
    int threshold = requiredInt(body, "threshold");
    int vectorLength = requiredInt(body, "vectorLength");
    long timeout = body.getValue("phaseTimeoutSeconds") == null ? 300 : requiredInt(body, "phaseTimeoutSeconds");
    JsonObject noise = optionalObject(body, "noise");
    blocking(ctx, () -> rounds.create(ids, threshold, vectorLength, timeout, noise), created(ctx));
  }

  /**
   * A round's status; with {@code ?after=STATE}, a long poll: the answer waits (at most
   * {@value #LONG_POLL_MILLIS} ms, holding no thread) until the round leaves STATE.
   */
  private void roundStatus(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String after = ctx.queryParams().get("after");
    if (after == null) {
      blocking(ctx, () -> rounds.status(id), status -> status);
      return;
    }
    if (!RoundService.STATES.contains(after)) {
      throw HttpProblem.badRequest("`after` must be one of " + RoundService.STATES);
    }
    AtomicBoolean answered = new AtomicBoolean();
    io.vertx.core.Context context = vertx.getOrCreateContext();
    Runnable answer = () -> context.runOnContext(v -> {
      if (answered.compareAndSet(false, true) && !ctx.response().closed()) {
        blocking(ctx, () -> rounds.status(id), status -> status);
      }
    });
    vertx.executeBlocking(() -> rounds.onLeaving(id, after, answer), false).onSuccess(waiting -> {
      if (!waiting) {
        answer.run();
        return;
      }
      long timer = vertx.setTimer(LONG_POLL_MILLIS, t -> answer.run());
      ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    }).onFailure(ctx::fail);
  }

  /** A relayed linkage step, as the raw PsiWire bytes. */
  private void linkageMessage(RoutingContext ctx) {
    int step;
    try {
      step = Integer.parseInt(ctx.pathParam("step"));
    } catch (NumberFormatException e) {
      throw HttpProblem.notFound("linkage sessions have steps 1 to 4");
    }
    vertx.executeBlocking(() -> linkage.message(ctx.pathParam("id"), ctx.get("agency"), step), false)
        .onSuccess(bytes -> ctx.response().putHeader("Content-Type", "application/octet-stream")
            .end(io.vertx.core.buffer.Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private static JsonObject requiredBody(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    if (body == null) {
      throw HttpProblem.badRequest("a JSON object body is required");
    }
    return body;
  }

  /** Answers 201 Created with the new resource's JSON. */
  private static <T extends JsonObject> Function<T, JsonObject> created(RoutingContext ctx) {
    return resource -> {
      ctx.response().setStatusCode(201);
      return resource;
    };
  }

  /** Records a data-sharing agreement in the transparency log. */
  private void recordAgreement(RoutingContext ctx) {
    JsonObject body = requiredBody(ctx);
    JsonArray parties = requiredArray(body, "parties");
    if (parties.size() < 2 || parties.stream().anyMatch(p -> !(p instanceof String s) || s.isBlank())) {
      throw HttpProblem.badRequest("`parties` must list at least two non-blank names");
    }
    JsonObject agreement = new JsonObject().put("parties", parties).put("purpose", requiredText(body, "purpose"))
        .put("legalBasis", requiredText(body, "legalBasis")).put("data", requiredText(body, "data"));
    blocking(ctx, () -> entryJson(transparency.append("agreement", agreement.encode())), created(ctx));
  }

  private void registerDataset(RoutingContext ctx) {
    JsonObject body = requiredBody(ctx);
    String name = requiredText(body, "name");
    String unitColumn = requiredText(body, "unitColumn");
    if ((body.getValue("csv") == null) == (body.getValue("path") == null)) {
      throw HttpProblem.badRequest("give exactly one of `csv` (the CSV text) and `path` (a file in the server's "
          + "datasets directory)");
    }
    JsonObject budget = optionalObject(body, "budget");
    if (budget == null) {
      throw HttpProblem.badRequest("`budget` must be an object with `epsilon` (and optionally `delta`, `per`)");
    }
    double epsilon = number(budget, "epsilon", Double.NaN);
    double delta = number(budget, "delta", 0);
    String per = budget.getValue("per") == null ? "dataset" : requiredText(budget, "per");
    if (!per.equals("dataset") && !per.equals("analyst")) {
      throw HttpProblem.badRequest("`budget.per` must be \"dataset\" (shared) or \"analyst\" (each analyst's own)");
    }
    boolean perAnalyst = per.equals("analyst");
    if (body.getValue("csv") != null) {
      String csv = requiredText(body, "csv");
      blocking(ctx, () -> queries.register(name, unitColumn, csv, epsilon, delta, perAnalyst), created(ctx));
    } else {
      String path = requiredText(body, "path");
      blocking(ctx, () -> queries.registerFile(name, unitColumn, path, epsilon, delta, perAnalyst), created(ctx));
    }
  }

  private void runQuery(RoutingContext ctx) {
    DpQuery query = DpQuery.parse(ctx.body().asJsonObject());
    blocking(ctx, () -> queries.query(ctx.pathParam("id"), ctx.get(PRINCIPAL), query), answer -> answer);
  }

  private void listLog(RoutingContext ctx) {
    long from = queryLong(ctx, "from", 0, 0, Long.MAX_VALUE);
    int limit = (int) queryLong(ctx, "limit", 100, 1, MAX_PAGE);
    blocking(ctx, () -> transparency.page(from, limit), entries -> {
      JsonArray array = new JsonArray();
      entries.forEach(e -> array.add(entryJson(e)));
      return new JsonObject().put("entries", array);
    });
  }

  static JsonObject entryJson(LogEntry entry) {
    HexFormat hex = HexFormat.of();
    return new JsonObject().put("index", entry.index()).put("timestamp", entry.timestamp()).put("type", entry.type())
        .put("payload", new JsonObject(entry.payload())).put("payloadText", entry.payload())
        .put("previousHash", hex.formatHex(entry.previousHash()))
        .put("hash", hex.formatHex(entry.hash())).put("signature", hex.formatHex(entry.signature()));
  }

  /** Runs blocking work on a worker thread and answers with its JSON, or fails the request. */
  private <T> void blocking(RoutingContext ctx, Callable<T> work, Function<T, JsonObject> toJson) {
    Future<T> result = vertx.executeBlocking(work, false);
    result.onSuccess(value -> ctx.json(toJson.apply(value))).onFailure(ctx::fail);
  }

  private static long queryLong(RoutingContext ctx, String name, long fallback, long min, long max) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(values.get(0));
      if (value < min || value > max) {
        throw HttpProblem.badRequest("`" + name + "` must be in [" + min + ", " + max + "], was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("`" + name + "` must be an integer");
    }
  }

  /** The paths of the registered routes, for checking the OpenAPI document. */
  List<String> routePaths() {
    return router.getRoutes().stream().map(route -> route.getPath()).filter(path -> path != null).distinct().toList();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readResource(String name) {
    try (InputStream in = PetServer.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the HTTP server and closes the database. */
  @Override
  public synchronized void close() {
    if (vertx != null) {
      vertx.cancelTimer(deadlineTimer);
      vertx.close().toCompletionStage().toCompletableFuture().join();
      vertx = null;
    }
    if (database != null) {
      database.close();
      database = null;
    }
  }

  /**
   * Runs a server configured from the environment (see {@link PetServerConfig#fromEnvironment}), over a
   * properties file if its path is the first argument (see {@link PetServerConfig#fromFile}).
   */
  public static void main(String[] args) throws IOException {
    PetServerConfig config = args.length > 0 ? PetServerConfig.fromFile(java.nio.file.Path.of(args[0]), System.getenv())
        : PetServerConfig.fromEnvironment(System.getenv());
    PetServer server = new PetServer();
    int port = server.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("pet server listening on port " + port);
  }
}
