package org.pet.server.query;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.pet.server.http.HttpProblem;
import org.pet.server.transparency.TransparencyService;

/**
 * The DP query service of a secure access point: registered datasets, each with a total privacy budget,
 * and queries answered with pet-core's aggregations, charged before the answer leaves the server and
 * recorded in the transparency log. Blocking: call off the event loop.
 */
public final class QueryService {

  private final DatasetRepository repository;
  private final TransparencyService transparency;
  private final Map<String, Dataset> parsed = new ConcurrentHashMap<>();

  public QueryService(DatasetRepository repository, TransparencyService transparency) {
    this.repository = repository;
    this.transparency = transparency;
  }

  /** Registers a dataset from CSV text with a total budget; returns its id. */
  public JsonObject register(String name, String unitColumn, String csv, double epsilon, double delta)
      throws SQLException {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw HttpProblem.badRequest("`budget.epsilon` must be finite and > 0, was " + epsilon);
    }
    if (!(delta >= 0 && delta < 1)) {
      throw HttpProblem.badRequest("`budget.delta` must be in [0, 1), was " + delta);
    }
    String id = UUID.randomUUID().toString();
    Dataset dataset = Dataset.parse(id, name, unitColumn, csv);
    Budget total = Budget.limit(epsilon, delta);
    repository.insert(dataset, csv, total);
    parsed.put(id, dataset);
    transparency.append("dataset-registered", new JsonObject().put("dataset", id).put("name", name)
        .put("unitColumn", unitColumn).put("rows", dataset.rows().size()).put("budgetEpsilon", total.epsilon())
        .put("budgetDelta", total.delta()).encode());
    return new JsonObject().put("id", id).put("rows", dataset.rows().size()).put("columns", dataset.columns());
  }

  public JsonObject budget(String id) throws SQLException {
    DatasetRepository.Stored stored = repository.find(id).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
    return budgetJson(stored.total(), stored.spent());
  }

  private static JsonObject budgetJson(Budget total, Budget spent) {
    Budget remaining = total.minus(spent);
    return new JsonObject().put("epsilon", total.epsilon()).put("delta", total.delta())
        .put("spentEpsilon", spent.epsilon()).put("spentDelta", spent.delta())
        .put("remainingEpsilon", remaining.epsilon()).put("remainingDelta", remaining.delta());
  }

  /** Runs a query: validates, charges and records atomically, then logs it publicly. */
  public JsonObject query(String id, DpQuery query) throws SQLException {
    Dataset dataset = dataset(id);
    JsonObject answer = new JsonObject().put("type", query.type().name().toLowerCase(java.util.Locale.ROOT));
    Runnable run = query.prepare(dataset, answer); // validates every DP parameter before charging
    Budget spent = repository.chargeAndRecord(id, query.charge(), query.type().name(), query.request().encode(),
        () -> {
          run.run();
          return answer.encode();
        });
    transparency.append("query", new JsonObject().put("dataset", id).put("type", answer.getString("type"))
        .put("epsilon", query.charge().epsilon()).put("delta", query.charge().delta()).encode());
    DatasetRepository.Stored stored = repository.find(id).orElseThrow();
    return answer.put("epsilon", query.charge().epsilon()).put("delta", query.charge().delta())
        .put("budget", budgetJson(stored.total(), spent));
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
