package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The DP query service of a pet server: register a dataset (administrator), query it and read the budget
 * (administrator or analyst, by the client's token). Errors are {@link PetApiException}s (403 when a query
 * does not fit the budget). Thread-safe.
 */
public final class QueryServiceClient {

  private final PetClient client;

  /** @param client a client sending the administrator's or an analyst's bearer token */
  public QueryServiceClient(PetClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * {@code POST /v1/datasets}: registers a dataset with its total budget.
   *
   * @return the server's answer: {@code {"id", "rows", "columns", "budgetPer"}}
   */
  public JsonNode register(DatasetRegistration dataset) {
    return client.post("/v1/datasets", dataset.toJson());
  }

  /**
   * {@code POST /v1/datasets/{id}/queries}.
   *
   * @return the answer: {@code value} or {@code groups}, {@code confidenceInterval95} for counts and sums,
   *     the {@code epsilon} and {@code delta} charged and the {@code budget} after it
   */
  public JsonNode query(String dataset, DpQueryRequest request) {
    return client.post("/v1/datasets/" + dataset + "/queries", request.toJson());
  }

  /** {@code GET /v1/datasets/{id}/budget}. */
  public DatasetBudget budget(String dataset) {
    return DatasetBudget.fromJson(client.get("/v1/datasets/" + dataset + "/budget"));
  }
}
