package org.pet.server.query;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.pet.server.http.HttpProblem;
import org.pet.server.metrics.ServerMetrics;
import org.pet.server.store.Database;
import org.pet.server.transparency.LedgerAudit;
import org.pet.server.transparency.TransparencyService;

/**
 * The DP query service of a secure access point: registered datasets, each with a total privacy budget
 * (shared by every caller, or granted to each analyst in full), and queries answered with pet-core's
 * aggregations, charged before the answer leaves the server and recorded in the transparency log.
 * Datasets come as uploaded CSV text or as a CSV file under the server's datasets directory. Blocking:
 * call off the event loop.
 */
public final class QueryService {

  private static final System.Logger LOG = System.getLogger(QueryService.class.getName());

  private final Database database;
  private final DatasetRepository repository;
  private final TransparencyService transparency;
  private final ServerMetrics metrics;
  private final Path datasetDirectory;
  private final ExternalEngines engines;
  private final Map<String, Dataset> parsed = new ConcurrentHashMap<>();
  private final Map<String, DatasetRepository.External> external = new ConcurrentHashMap<>();

  /**
   * A service answering every dataset in process.
   *
   * @param datasetDirectory the only directory (and its subdirectories) that {@link #registerFile} reads
   */
  public QueryService(Database database, TransparencyService transparency, ServerMetrics metrics,
      Path datasetDirectory) {
    this(database, transparency, metrics, datasetDirectory, ExternalEngines.none());
  }

  /**
   * @param datasetDirectory the only directory (and its subdirectories) that {@link #registerFile} reads
   * @param engines the engines that answer datasets registered with {@code engine} (see
   *     {@link #registerExternal})
   */
  public QueryService(Database database, TransparencyService transparency, ServerMetrics metrics,
      Path datasetDirectory, ExternalEngines engines) {
    this.engines = engines;
    this.database = database;
    this.repository = new DatasetRepository(database);
    this.transparency = transparency;
    this.metrics = metrics;
    this.datasetDirectory = datasetDirectory.toAbsolutePath().normalize();
  }

  /** Where server-side dataset files must be. */
  public Path datasetDirectory() {
    return datasetDirectory;
  }

  /**
   * Registers a dataset from a CSV file under the datasets directory, given by a relative path; the
   * content is copied into the database, so later changes to the file do not alter the dataset.
   *
   * @throws HttpProblem 400 for an absolute path or one leading outside the directory, 422 if there is no
   *     such readable file
   */
  public JsonObject registerFile(DatasetTerms terms, String relativePath) throws SQLException {
    Path file;
    try {
      Path relative = Path.of(relativePath);
      file = datasetDirectory.resolve(relative).normalize();
      if (relative.isAbsolute() || !file.startsWith(datasetDirectory)) {
        throw HttpProblem.badRequest("`path` must be relative to the server's datasets directory");
      }
      if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(datasetDirectory.toRealPath())) {
        throw new HttpProblem(422, "Unprocessable Content", "no dataset file " + relativePath
            + " in the server's datasets directory");
      }
      return register(terms, Files.readString(file));
    } catch (InvalidPathException e) {
      throw HttpProblem.badRequest("`path` is not a valid path");
    } catch (IOException e) {
      throw new HttpProblem(422, "Unprocessable Content", "cannot read dataset file " + relativePath);
    }
  }

  /**
   * Registers a dataset from CSV text under {@code terms}; returns its id. The dataset and its
   * {@code dataset-registered} log entry (name, unit column, budget - nothing computed from the data) are
   * one transaction.
   */
  public JsonObject register(DatasetTerms terms, String csv) throws SQLException {
    String id = UUID.randomUUID().toString();
    Dataset dataset = Dataset.parse(id, terms.name(), terms.unitColumn(), csv);
    dataset.requireNumeric(terms.numericColumns());
    JsonObject logged = registeredEntry(id, terms);
    database.inTransaction(tx -> {
      repository.insert(tx, dataset, csv, terms);
      return transparency.append(tx, LedgerAudit.DATASET_REGISTERED, logged.encode());
    });
    parsed.put(id, dataset);
    return registeredReply(dataset, terms).put("rows", dataset.rows().size());
  }

  /**
   * Registers a dataset kept outside the server, answered by {@code engineName} (see
   * {@link ExternalEngine}): only the source (path and format), the schema read from it and the terms are
   * stored, never the data. The schema fixes the columns and which of them are numeric (numeric types);
   * columns the administrator states numeric must be. The {@code dataset-registered} log entry also names
   * the engine.
   *
   * @throws HttpProblem 422 if the server has no such engine or it cannot read the source, 400 for a
   *     missing unit column or a stated numeric column that is not
   */
  public JsonObject registerExternal(DatasetTerms terms, String engineName, ExternalEngine.Source source)
      throws SQLException {
    ExternalEngine engine = engines.require(engineName);
    String id = UUID.randomUUID().toString();
    ExternalEngine.Schema schema = engine.schema(source);
    if (!schema.columns().contains(terms.unitColumn())) {
      throw HttpProblem.badRequest("`unitColumn` " + terms.unitColumn() + " is not a column of " + source.path());
    }
    Dataset dataset = new Dataset(id, terms.name(), terms.unitColumn(), List.copyOf(schema.columns()), List.of(),
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(schema.numericColumns())));
    for (String column : terms.numericColumns()) {
      dataset.column("numericColumns", column);
      if (!dataset.numericColumns().contains(column)) {
        throw HttpProblem.badRequest("`numericColumns`: column " + column + " is not numeric in " + source.path());
      }
    }
    JsonObject logged = registeredEntry(id, terms).put("engine", engineName);
    database.inTransaction(tx -> {
      repository.insert(tx, dataset, engineName, source, terms);
      return transparency.append(tx, LedgerAudit.DATASET_REGISTERED, logged.encode());
    });
    external.put(id, new DatasetRepository.External(engineName, source, dataset));
    return registeredReply(dataset, terms).put("engine", engineName);
  }

  /** The public {@code dataset-registered} entry: name, unit column and budget, nothing from the data. */
  private static JsonObject registeredEntry(String id, DatasetTerms terms) {
    Budget total = terms.budget();
    JsonObject logged = new JsonObject().put("dataset", id).put("name", terms.name())
        .put("unitColumn", terms.unitColumn()).put("budgetEpsilon", total.epsilon()).put("budgetDelta", total.delta())
        .put("budgetPer", terms.scope()).put("budgetEpsilonNano", total.epsilonNano())
        .put("budgetDeltaAtto", total.deltaAtto());
    Budget cap = terms.analystsCap();
    if (cap != null) {
      logged.put("analystsCapEpsilon", cap.epsilon()).put("analystsCapDelta", cap.delta())
          .put("analystsCapEpsilonNano", cap.epsilonNano()).put("analystsCapDeltaAtto", cap.deltaAtto());
    }
    return logged;
  }

  private static JsonObject registeredReply(Dataset dataset, DatasetTerms terms) {
    Budget cap = terms.analystsCap();
    JsonObject reply = new JsonObject().put("id", dataset.id()).put("columns", dataset.columns())
        .put("numericColumns", new io.vertx.core.json.JsonArray(List.copyOf(dataset.numericColumns())))
        .put("budgetPer", terms.scope());
    if (cap != null) {
      reply.put("analystsCap", new JsonObject().put("epsilon", cap.epsilon()).put("delta", cap.delta()));
    }
    return reply;
  }

  /**
   * The budget as {@code caller} sees it: the total, and what its ledger (the shared one, or its own) has
   * spent and has left; the administrator also sees every ledger.
   */
  public JsonObject budget(String id, String caller, boolean admin) throws SQLException {
    DatasetRepository.Stored stored = repository.find(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    JsonObject budget = budgetJson(stored, repository.spent(id, stored.ledgerOf(caller)));
    if (admin) {
      JsonObject ledgers = new JsonObject();
      repository.ledgers(id).forEach((principal, spent) -> ledgers.put(principal,
          new JsonObject().put("spentEpsilon", spent.epsilon()).put("spentDelta", spent.delta())));
      budget.put("ledgers", ledgers);
    }
    return budget;
  }

  /** Every dataset's ledgers as the server holds them (for the public ledger audit). */
  public java.util.Map<String, java.util.Map<String, Budget>> ledgers() throws SQLException {
    return repository.allLedgers();
  }

  private static JsonObject budgetJson(DatasetRepository.Stored dataset, Budget spent) {
    Budget total = dataset.total();
    Budget remaining = total.minus(spent);
    return new JsonObject().put("epsilon", total.epsilon()).put("delta", total.delta())
        .put("budgetPer", dataset.perAnalyst() ? "analyst" : "dataset")
        .put("spentEpsilon", spent.epsilon()).put("spentDelta", spent.delta())
        .put("remainingEpsilon", remaining.epsilon()).put("remainingDelta", remaining.delta());
  }

  /**
   * Runs {@code caller}'s query. Validation comes first; then, in one transaction that locks the
   * dataset's row: the budget check, the answer, the ledger's charge, the query's record and its public
   * {@code query} log entry (with the ledger and the exact charge). A refused query changes nothing.
   *
   * <p>A dataset on an external engine is validated the same way (against the schema fixed at
   * registration), and charged and logged by the same transaction, but its answer is computed after that
   * transaction commits, so no database lock is held while a cluster job runs; the record's answer is
   * filled in when the job returns. If the job fails the charge stands (503): noise may already have been
   * drawn and partial results may exist on the cluster, so refunding could let a caller retry until it
   * sees more than its budget allows - charging first is the safe side for privacy.
   *
   * @throws HttpProblem 404 unknown dataset, 403 budget exhausted, 400/422 invalid query, 503 if an
   *     external engine failed after the charge
   */
  public JsonObject query(String id, String caller, DpQuery query) throws SQLException {
    DatasetRepository.External source = external(id);
    Dataset dataset = source != null ? source.dataset() : dataset(id);
    JsonObject answer = new JsonObject().put("type", query.type().name().toLowerCase(java.util.Locale.ROOT));
    Runnable run = query.prepare(dataset, answer); // validates every DP parameter before charging
    java.util.function.Consumer<JsonObject> job = source == null ? null
        : engines.require(source.engine()).prepare(source.source(), dataset, query);
    Budget charge = query.charge();
    Charged charged = database.inTransaction(tx -> charge(tx, id, caller, query, source == null ? run : () -> { },
        source == null ? answer : answer.copy().put("pending", true)));
    metrics.privacySpent("query", charge.epsilon(), charge.delta());
    if (job != null) {
      try {
        job.accept(answer);
      } catch (Exception e) { // Spark may throw checked exceptions it does not declare
        // the exception's class only: an engine's message could quote data
        LOG.log(System.Logger.Level.WARNING, "engine {0} failed on a charged query of dataset {1}: {2}",
            source.engine(), id, e.getClass().getName());
        throw new HttpProblem(503, "Engine Failed", "engine " + source.engine() + " failed to answer the query "
            + "after its budget was charged (epsilon " + charge.epsilon() + ", delta " + charge.delta() + "); the "
            + "charge stands, as noise may have been drawn");
      }
      database.inTransaction(tx -> {
        repository.recordAnswer(tx, charged.queryId(), answer.encode());
        return null;
      });
    }
    return answer.copy().put("epsilon", charge.epsilon()).put("delta", charge.delta())
        .put("budget", budgetJson(charged.stored(), charged.spent()));
  }

  private record Charged(DatasetRepository.Stored stored, Budget spent, long queryId) {}

  /**
   * Within {@code tx}: locks the dataset, checks the caller's ledger (and the analysts' cap), runs
   * {@code run}, charges, records the query with {@code answer} and appends its {@code query} log entry.
   */
  private Charged charge(org.pet.server.store.Transaction tx, String id, String caller, DpQuery query, Runnable run,
      JsonObject answer) throws SQLException {
    Budget charge = query.charge();
    DatasetRepository.Stored stored = repository.lock(tx, id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    String ledger = stored.ledgerOf(caller);
    Optional<Budget> before = repository.spent(tx, id, ledger);
    Budget spent = before.orElse(Budget.ZERO).plus(charge);
    if (!stored.total().covers(spent)) {
      throw exhausted(charge, stored.total().minus(before.orElse(Budget.ZERO)),
          (stored.perAnalyst() ? caller + "'s budget on " : "") + "dataset " + id);
    }
    Optional<Budget> allBefore = Optional.empty();
    if (stored.analystsCap() != null) {
      allBefore = repository.spent(tx, id, DatasetRepository.SHARED_LEDGER);
      if (!stored.analystsCap().covers(allBefore.orElse(Budget.ZERO).plus(charge))) {
        throw exhausted(charge, stored.analystsCap().minus(allBefore.orElse(Budget.ZERO)),
            "the cap on all analysts of dataset " + id);
      }
    }
    run.run();
    repository.setSpent(tx, id, ledger, spent, before.isPresent());
    if (stored.analystsCap() != null) {
      repository.setSpent(tx, id, DatasetRepository.SHARED_LEDGER, allBefore.orElse(Budget.ZERO).plus(charge),
          allBefore.isPresent());
    }
    long queryId = repository.recordQuery(tx, id, caller, query.type().name(), charge, query.request().encode(),
        answer.encode());
    transparency.append(tx, LedgerAudit.QUERY, new JsonObject().put("dataset", id).put("analyst", caller)
        .put("type", answer.getString("type")).put("epsilon", charge.epsilon()).put("delta", charge.delta())
        .put("ledger", ledger).put("epsilonNano", charge.epsilonNano()).put("deltaAtto", charge.deltaAtto())
        .encode());
    return new Charged(stored, spent, queryId);
  }

  /** The external source of dataset {@code id}, or null if it is answered in process. */
  private DatasetRepository.External external(String id) throws SQLException {
    DatasetRepository.External cached = external.get(id);
    if (cached != null || parsed.containsKey(id)) {
      return cached;
    }
    DatasetRepository.Stored stored = repository.find(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    Optional<DatasetRepository.External> found = repository.external(stored);
    found.ifPresent(source -> external.put(id, source));
    return found.orElse(null);
  }

  private static HttpProblem exhausted(Budget charge, Budget remaining, String ledger) {
    return new HttpProblem(403, "Budget Exhausted", "the query needs epsilon " + charge.epsilon() + ", delta "
        + charge.delta() + " but " + ledger + " has epsilon " + remaining.epsilon() + ", delta " + remaining.delta()
        + " left");
  }

  private Dataset dataset(String id) throws SQLException {
    Dataset cached = parsed.get(id);
    if (cached != null) {
      return cached;
    }
    DatasetRepository.Stored stored = repository.find(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    String csv = repository.csv(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    Dataset dataset = Dataset.parse(stored.id(), stored.name(), stored.unitColumn(), csv);
    parsed.put(id, dataset);
    return dataset;
  }
}
