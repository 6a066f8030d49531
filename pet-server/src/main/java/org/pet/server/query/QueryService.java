package org.pet.server.query;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.pet.server.http.HttpProblem;
import org.pet.server.metrics.ServerMetrics;
import org.pet.server.transparency.TransparencyService;

/**
 * The DP query service of a secure access point: registered datasets, each with a total privacy budget
 * (shared by every caller, or granted to each analyst in full), and queries answered with pet-core's
 * aggregations, charged before the answer leaves the server and recorded in the transparency log.
 * Datasets come as uploaded CSV text or as a CSV file under the server's datasets directory. Blocking:
 * call off the event loop.
 */
public final class QueryService {

  private final DatasetRepository repository;
  private final TransparencyService transparency;
  private final ServerMetrics metrics;
  private final Path datasetDirectory;
  private final Map<String, Dataset> parsed = new ConcurrentHashMap<>();

  /**
   * @param datasetDirectory the only directory (and its subdirectories) that {@link #registerFile} reads
   */
  public QueryService(DatasetRepository repository, TransparencyService transparency, ServerMetrics metrics,
      Path datasetDirectory) {
    this.repository = repository;
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
  public JsonObject registerFile(String name, String unitColumn, String relativePath, double epsilon, double delta,
      boolean perAnalyst) throws SQLException {
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
      return register(name, unitColumn, Files.readString(file), epsilon, delta, perAnalyst);
    } catch (InvalidPathException e) {
      throw HttpProblem.badRequest("`path` is not a valid path");
    } catch (IOException e) {
      throw new HttpProblem(422, "Unprocessable Content", "cannot read dataset file " + relativePath);
    }
  }

  /**
   * Registers a dataset from CSV text with a total budget; returns its id.
   *
   * @param perAnalyst true to grant the budget to each analyst in full, false to share it among all callers
   */
  public JsonObject register(String name, String unitColumn, String csv, double epsilon, double delta,
      boolean perAnalyst) throws SQLException {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw HttpProblem.badRequest("`budget.epsilon` must be finite and > 0, was " + epsilon);
    }
    if (!(delta >= 0 && delta < 1)) {
      throw HttpProblem.badRequest("`budget.delta` must be in [0, 1), was " + delta);
    }
    String id = UUID.randomUUID().toString();
    Dataset dataset = Dataset.parse(id, name, unitColumn, csv);
    Budget total = Budget.limit(epsilon, delta);
    repository.insert(dataset, csv, total, perAnalyst);
    parsed.put(id, dataset);
    String scope = perAnalyst ? "analyst" : "dataset";
    transparency.append("dataset-registered", new JsonObject().put("dataset", id).put("name", name)
        .put("unitColumn", unitColumn).put("rows", dataset.rows().size()).put("budgetEpsilon", total.epsilon())
        .put("budgetDelta", total.delta()).put("budgetPer", scope).encode());
    return new JsonObject().put("id", id).put("rows", dataset.rows().size()).put("columns", dataset.columns())
        .put("budgetPer", scope);
  }

  /**
   * The budget as {@code caller} sees it: the total, and what its ledger (the shared one, or its own) has
   * spent and has left; the administrator also sees every ledger.
   */
  public JsonObject budget(String id, String caller, boolean admin) throws SQLException {
    DatasetRepository.Stored stored = repository.find(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    String ledger = stored.perAnalyst() ? caller : DatasetRepository.SHARED_LEDGER;
    JsonObject budget = budgetJson(stored, repository.spent(id, ledger));
    if (admin) {
      JsonObject ledgers = new JsonObject();
      repository.ledgers(id).forEach((principal, spent) -> ledgers.put(principal,
          new JsonObject().put("spentEpsilon", spent.epsilon()).put("spentDelta", spent.delta())));
      budget.put("ledgers", ledgers);
    }
    return budget;
  }

  private static JsonObject budgetJson(DatasetRepository.Stored dataset, Budget spent) {
    Budget total = dataset.total();
    Budget remaining = total.minus(spent);
    return new JsonObject().put("epsilon", total.epsilon()).put("delta", total.delta())
        .put("budgetPer", dataset.perAnalyst() ? "analyst" : "dataset")
        .put("spentEpsilon", spent.epsilon()).put("spentDelta", spent.delta())
        .put("remainingEpsilon", remaining.epsilon()).put("remainingDelta", remaining.delta());
  }

  /** Runs {@code caller}'s query: validates, charges and records atomically, then logs it publicly. */
  public JsonObject query(String id, String caller, DpQuery query) throws SQLException {
    Dataset dataset = dataset(id);
    JsonObject answer = new JsonObject().put("type", query.type().name().toLowerCase(java.util.Locale.ROOT));
    Runnable run = query.prepare(dataset, answer); // validates every DP parameter before charging
    DatasetRepository.Charged charged = repository.chargeAndRecord(id, caller, query.charge(), query.type().name(),
        query.request().encode(), () -> {
          run.run();
          return answer.encode();
        });
    metrics.privacySpent("query", query.charge().epsilon(), query.charge().delta());
    transparency.append("query", new JsonObject().put("dataset", id).put("analyst", caller)
        .put("type", answer.getString("type")).put("epsilon", query.charge().epsilon())
        .put("delta", query.charge().delta()).encode());
    return answer.put("epsilon", query.charge().epsilon()).put("delta", query.charge().delta())
        .put("budget", budgetJson(charged.dataset(), charged.spent()));
  }

  private Dataset dataset(String id) throws SQLException {
    Dataset cached = parsed.get(id);
    if (cached != null) {
      return cached;
    }
    DatasetRepository.Stored stored = repository.find(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    Dataset dataset = Dataset.parse(stored.id(), stored.name(), stored.unitColumn(), stored.csv());
    parsed.put(id, dataset);
    return dataset;
  }
}
