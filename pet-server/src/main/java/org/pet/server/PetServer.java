package org.pet.server;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.auth.AnalystRepository;
import org.pet.server.auth.Authentication;
import org.pet.server.auth.RegistrationRoutes;
import org.pet.server.auth.Registrations;
import org.pet.server.auth.RequestSignature;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Problems;
import org.pet.server.http.Requests;
import org.pet.server.linkage.LinkageRepository;
import org.pet.server.linkage.LinkageRoutes;
import org.pet.server.linkage.LinkageService;
import org.pet.server.metrics.ServerMetrics;
import org.pet.server.query.ExternalEngines;
import org.pet.server.query.QueryRoutes;
import org.pet.server.query.QueryService;
import org.pet.server.rounds.RoundRepository;
import org.pet.server.rounds.RoundRoutes;
import org.pet.server.rounds.RoundService;
import org.pet.server.store.Database;
import org.pet.server.store.TransparencyLogRepository;
import org.pet.server.tasks.AggregatorKeys;
import org.pet.server.tasks.HelperService;
import org.pet.server.tasks.LeaderService;
import org.pet.server.tasks.TaskRoutes;
import org.pet.server.tasks.Tasks;
import org.pet.server.transparency.TransparencyRoutes;
import org.pet.server.transparency.TransparencyService;

/**
 * The pet HTTP server (Vert.x): the router in one place, one handler class per resource next to its
 * service (rounds, linkage, datasets and queries, registrations, transparency). Handlers parse and
 * validate, run the service on a worker thread (JDBC never runs on the event loop) and map typed errors to
 * RFC 9457 problem JSON.
 *
 * <p>Three kinds of caller: the administrator (bearer token from the configuration) registers agencies,
 * analysts, datasets, agreements, rounds and linkage sessions; analysts (bearer tokens issued by
 * {@code POST /v1/analysts}) query datasets; agencies sign every request with their Ed25519 key, including
 * the steps they relay in rounds and linkage sessions; a server started with a role ({@code leader} or
 * {@code helper}) also runs two-aggregator Prio3 tasks, where the leader signs its requests to the helper.
 * Every route is documented in
 * {@code openapi.yaml}. Request bodies are held in memory (never written to disk; multipart and form
 * bodies are refused with 415). An access log line per request ({@code System.Logger}
 * "org.pet.server.access") at DEBUG level names the method, path, status and duration only - never a
 * body, header or token.
 *
 * <p>Durability: every write is committed before its 2xx answer, with its transparency log entry in the
 * same transaction (see {@link Database}).
 */
public final class PetServer implements AutoCloseable {

  private static final System.Logger ACCESS_LOG = System.getLogger("org.pet.server.access");
  /** How often expired round phases are closed, and nonces outside the timestamp window pruned. */
  private static final long HOUSEKEEPING_MILLIS = 1000;
  private static final long NONCE_PRUNING_MILLIS = 60_000;

  private final Clock clock;
  private Vertx vertx;
  private HttpServer http;
  private volatile Router router;
  private Database database;
  private ExternalEngines engines;
  /** The bounded pool of secure aggregation unmasking work (one thread per core). */
  private ExecutorService unmaskingWorkers;
  private ServerMetrics metrics;
  private long housekeeping;
  private long nonceLastPruned;

  /** A server on the system clock. */
  public PetServer() {
    this(Clock.systemUTC());
  }

  /**
   * A server reading time from {@code clock}: request timestamps, round phase deadlines, log entry and
   * checkpoint times. Tests drive deadlines with a clock of their own instead of waiting.
   */
  public PetServer(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Starts the server and returns the bound port. The port is bound first, so a busy port fails before
   * the data directory, the database or the signing key is created.
   *
   * @throws IllegalStateException if it is already started, cannot bind, or the transparency log and the
   *     signing key do not belong together (the message says what to restore)
   */
  public synchronized int start(PetServerConfig config) {
    if (vertx != null) {
      throw new IllegalStateException("the server is already started");
    }
    HttpServerOptions options = serverOptions(config);
    vertx = Vertx.vertx();
    try {
      http = vertx.createHttpServer(options)
          .requestHandler(request -> {
            Router ready = router;
            if (ready == null) {
              refuse(request, 503, "Service Unavailable", "the server is starting");
            } else if (!wellEncoded(request.uri())) {
              refuse(request, 400, "Bad Request", "the request URI is not valid percent-encoding");
            } else {
              ready.handle(request);
            }
          }).listen().toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException("cannot listen on port " + config.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
    try {
      router = routes(config);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return http.actualPort();
  }

  /**
   * The HTTP server's options: the port and, with a certificate and key, TLS.
   *
   * @throws IllegalStateException if a TLS file cannot be read
   */
  private static HttpServerOptions serverOptions(PetServerConfig config) {
    HttpServerOptions options = new HttpServerOptions().setPort(config.port());
    if (config.tls()) {
      for (java.nio.file.Path file : List.of(config.tlsCert(), config.tlsKey())) {
        if (!java.nio.file.Files.isReadable(file)) {
          throw new IllegalStateException("cannot read the TLS file " + file);
        }
      }
      options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
          .setCertPath(config.tlsCert().toString()).setKeyPath(config.tlsKey().toString()));
    }
    return options;
  }

  /** Answers before routing, for requests the router cannot take. */
  private static void refuse(io.vertx.core.http.HttpServerRequest request, int status, String title, String detail) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
            .put("detail", detail).encode());
  }

  /**
   * Whether every {@code %} in the URI, path and query, starts a two-hex-digit escape. The router throws on
   * anything else, outside any handler: normalising the path, and decoding the query while it matches a
   * route with path parameters.
   */
  static boolean wellEncoded(String uri) {
    if (uri == null) {
      return false;
    }
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || !HexFormat.isHexDigit(uri.charAt(i + 1))
          || !HexFormat.isHexDigit(uri.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private Router routes(PetServerConfig config) {
    database = Database.open(config.effectiveDatabaseUrl(), null, null);
    metrics = new ServerMetrics();
    AgencyRepository agencies = new AgencyRepository(database);
    TransparencyService transparency;
    RoundService rounds;
    Tasks tasks;
    try {
      transparency = new TransparencyService(new TransparencyLogRepository(database), config.dataDirectory(), clock);
      unmaskingWorkers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
        Thread thread = new Thread(runnable, "pet-unmasking");
        thread.setDaemon(true);
        return thread;
      });
      rounds = new RoundService(new RoundRepository(database), agencies, transparency, metrics, clock,
          unmaskingWorkers);
      tasks = new Tasks(config.role(), database, transparency,
          config.role() == null ? null : AggregatorKeys.loadOrCreate(config.dataDirectory()), metrics);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database: " + e.getMessage(), e);
    }
    AnalystRepository analysts = new AnalystRepository(database);
    engines = ExternalEngines.load(config.sparkMaster());
    QueryService queries = new QueryService(database, transparency, metrics, config.dataDirectory().resolve("datasets"),
        engines);
    LinkageService linkage = new LinkageService(new LinkageRepository(database), agencies, transparency, metrics);
    metrics.roundStates(RoundService.STATES, rounds::countByState);
    Requests requests = new Requests(vertx);
    Authentication authentication = new Authentication(vertx, config.adminToken(), agencies, analysts, clock);
    String openApi = org.pet.server.http.ClasspathText.read("/openapi.yaml");

    Router routes = Router.router(vertx);
    routes.route().handler(this::timeRequest);
    routes.route().handler(PetServer::refuseForms);
    routes.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    new HealthRoutes(requests, database, transparency).mount(routes);
    routes.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics.scrape()));
    routes.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
    new RegistrationRoutes(requests, authentication, new Registrations(database, agencies, analysts, transparency))
        .mount(routes);
    new QueryRoutes(requests, authentication, queries).mount(routes);
    new RoundRoutes(requests, authentication, rounds).mount(routes);
    new LinkageRoutes(requests, authentication, linkage).mount(routes);
    new TransparencyRoutes(requests, authentication, transparency, queries::ledgers).mount(routes);
    new org.pet.server.transparency.TransparencyPage(requests, transparency).mount(routes);
    LeaderService leader;
    try {
      leader = new LeaderService(tasks, agencies, clock,
          config.peerCa() == null ? null : org.pet.server.http.PemTrust.sslContext(config.peerCa()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the peer CA file " + config.peerCa() + ": " + e.getMessage(), e);
    }
    new TaskRoutes(requests, authentication, tasks, leader, new HelperService(tasks, agencies), agencies, clock)
        .mount(routes);
    routes.route().failureHandler(Problems::handle);
    routes.route().last().handler(ctx -> ctx.fail(HttpProblem.notFound("no such resource: " + Problems.shortPath(ctx.request().path()))));

    nonceLastPruned = clock.millis();
    Vertx current = vertx;
    housekeeping = vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> current.executeBlocking(() -> {
      long now = clock.millis();
      rounds.closeExpired(now);
      leader.prepareAll();
      if (now - nonceLastPruned >= NONCE_PRUNING_MILLIS) {
        nonceLastPruned = now;
        agencies.pruneNonces(now / 1000 - RequestSignature.MAX_SKEW_SECONDS);
      }
      return null;
    }, false));
    return routes;
  }

  /**
   * Refuses multipart and form bodies with 415 before any body is read: the API takes JSON (and raw bytes
   * for linkage steps) only, and a form could otherwise make the server spool uploads to disk.
   */
  private static void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded")) {
      ctx.fail(new HttpProblem(415, "Unsupported Media Type", "send JSON (Content-Type: application/json); "
          + "multipart and form bodies are not accepted"));
      return;
    }
    ctx.next();
  }

  private void timeRequest(RoutingContext ctx) {
    Timer.Sample sample = metrics.startRequest();
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      int status = ctx.response().getStatusCode();
      metrics.requestDone(sample, ctx.request().method().name(), status);
      ACCESS_LOG.log(System.Logger.Level.DEBUG, "{0} {1} {2} {3}ms", ctx.request().method().name(),
          Problems.shortPath(ctx.request().path()), status, (System.nanoTime() - start) / 1_000_000);
    });
    ctx.next();
  }

  /** The paths of the registered routes, for checking the OpenAPI document. */
  List<String> routePaths() {
    return router.getRoutes().stream().map(route -> route.getPath()).filter(path -> path != null).distinct().toList();
  }

  /** Stops the HTTP server and closes the database. */
  @Override
  public synchronized void close() {
    router = null;
    if (vertx != null) {
      vertx.cancelTimer(housekeeping);
      vertx.close().toCompletionStage().toCompletableFuture().join();
      vertx = null;
    }
    if (engines != null) {
      engines.close();
      engines = null;
    }
    if (unmaskingWorkers != null) {
      unmaskingWorkers.shutdownNow();
      unmaskingWorkers = null;
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
