package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The DP query service of a pet server, seen by its administrator (analyst): register a dataset, query it,
 * read its budget. Errors are {@link PetApiException}s (403 when a query does not fit the budget).
 * Thread-safe.
 */
public final class QueryServiceClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PetClient admin;

  /** @param admin a client sending the administrator's token */
  public QueryServiceClient(PetClient admin) {
    this.admin = Objects.requireNonNull(admin, "admin");
  }

  /**
   * {@code POST /v1/datasets}: registers CSV text (header row first) with a total budget.
   *
   * @return the server's answer: {@code {"id", "rows", "columns"}}
   */
  public JsonNode register(String name, String unitColumn, String csv, double epsilon, double delta) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("unitColumn", unitColumn).put("csv", csv);
    body.putObject("budget").put("epsilon", epsilon).put("delta", delta);
    return admin.post("/v1/datasets", body);
  }

  /**
   * {@code POST /v1/datasets/{id}/queries}.
   *
   * @return the answer: {@code value} or {@code groups}, {@code confidenceInterval95} for counts and sums,
   *     the {@code epsilon} and {@code delta} charged and the {@code budget} after it
   */
  public JsonNode query(String dataset, DpQueryRequest request) {
    return admin.post("/v1/datasets/" + dataset + "/queries", request.toJson());
  }

  /** {@code GET /v1/datasets/{id}/budget}. */
  public DatasetBudget budget(String dataset) {
    return DatasetBudget.fromJson(admin.get("/v1/datasets/" + dataset + "/budget"));
  }
}
