package org.pet.server.query;

import static org.pet.server.http.JsonFields.number;
import static org.pet.server.http.JsonFields.optionalObject;
import static org.pet.server.http.JsonFields.requiredText;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.pet.server.auth.Authentication;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.server.http.JsonFields;
import org.pet.server.http.Requests;

/** The DP query service: {@code /v1/datasets} (administrator), its queries and budget (analysts). */
public final class QueryRoutes {

  /** The longest dataset name and column name. */
  static final int MAX_NAME = 200;

  private final Requests requests;
  private final Authentication authentication;
  private final QueryService queries;

  public QueryRoutes(Requests requests, Authentication authentication, QueryService queries) {
    this.requests = requests;
    this.authentication = authentication;
    this.queries = queries;
  }

  public void mount(Router router) {
    router.post("/v1/datasets").handler(authentication::requireAdmin).handler(this::registerDataset);
    router.post("/v1/datasets/:id/queries").handler(authentication::requireAnalyst).handler(this::runQuery);
    router.get("/v1/datasets/:id/budget").handler(authentication::requireAnalyst).handler(ctx -> {
      String id = Ids.inPath(ctx.pathParam("id"), "dataset");
      requests.blocking(ctx, () -> queries.budget(id, Authentication.principal(ctx), Authentication.isAdmin(ctx)),
          budget -> budget);
    });
  }

  private void registerDataset(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx);
    String name = requiredText(body, "name", MAX_NAME);
    String unitColumn = requiredText(body, "unitColumn", MAX_NAME);
    if ((body.getValue("csv") == null) == (body.getValue("path") == null)) {
      throw HttpProblem.badRequest("give exactly one of `csv` (the CSV text) and `path` (a file in the server's "
          + "datasets directory)");
    }
    JsonObject budget = optionalObject(body, "budget");
    if (budget == null) {
      throw HttpProblem.badRequest("`budget` must be an object with `epsilon` (and optionally `delta`, `per`, "
          + "`analystsCap`)");
    }
    double epsilon = number(budget, "epsilon", Double.NaN);
    double delta = number(budget, "delta", 0);
    Budget.check("budget.epsilon", epsilon, "budget.delta", delta);
    String per = budget.getValue("per") == null ? "dataset" : requiredText(budget, "per", 20);
    if (!per.equals("dataset") && !per.equals("analyst")) {
      throw HttpProblem.badRequest("`budget.per` must be \"dataset\" (shared) or \"analyst\" (each analyst's own)");
    }
    boolean perAnalyst = per.equals("analyst");
    JsonObject capJson = optionalObject(budget, "analystsCap");
    Budget cap = null;
    if (capJson != null) {
      if (!perAnalyst) {
        throw HttpProblem.badRequest("`budget.analystsCap` applies to per-analyst budgets (`per`: \"analyst\") only");
      }
      double capEpsilon = number(capJson, "epsilon", Double.NaN);
      double capDelta = number(capJson, "delta", 0);
      Budget.check("budget.analystsCap.epsilon", capEpsilon, "budget.analystsCap.delta", capDelta);
      cap = Budget.limit(capEpsilon, capDelta);
    }
    List<String> numeric = new ArrayList<>();
    if (body.getValue("numericColumns") != null) {
      for (Object column : JsonFields.requiredArray(body, "numericColumns")) {
        if (!(column instanceof String text) || text.isBlank() || text.length() > MAX_NAME) {
          throw HttpProblem.badRequest("`numericColumns` must list column names");
        }
        numeric.add(text);
      }
    }
    DatasetTerms terms = new DatasetTerms(name, unitColumn, Budget.limit(epsilon, delta), perAnalyst, cap, numeric);
    if (body.getValue("engine") != null) {
      String engine = requiredText(body, "engine", 40);
      if (body.getValue("csv") != null) {
        throw HttpProblem.badRequest("`engine` reads the data at `path`; `csv` is for data answered in process");
      }
      String format = requiredText(body, "format", 20);
      if (!format.equals("csv") && !format.equals("parquet")) {
        throw HttpProblem.badRequest("`format` must be \"csv\" (header row first) or \"parquet\"");
      }
      ExternalEngine.Source source = new ExternalEngine.Source(requiredText(body, "path", 1000), format);
      requests.created(ctx, () -> queries.registerExternal(terms, engine, source));
    } else if (body.getValue("csv") != null) {
      String csv = requiredText(body, "csv", Integer.MAX_VALUE);
      requests.created(ctx, () -> queries.register(terms, csv));
    } else {
      String path = requiredText(body, "path", 1000);
      requests.created(ctx, () -> queries.registerFile(terms, path));
    }
  }

  private void runQuery(RoutingContext ctx) {
    String id = Ids.inPath(ctx.pathParam("id"), "dataset");
    DpQuery query = DpQuery.parse(Requests.jsonObject(ctx));
    requests.blocking(ctx, () -> queries.query(id, Authentication.principal(ctx), query), answer -> answer);
  }
}
