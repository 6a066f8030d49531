package org.pet.examples.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The body of {@code POST /v1/datasets}: a dataset's name, privacy-unit column, data (uploaded CSV text,
 * or a file under the server's {@code datasets} directory) and total budget. The server validates it
 * again; this record only assembles the JSON.
 *
 * @param name a human-readable name
 * @param unitColumn the column identifying the privacy unit
 * @param csv the CSV text (header row first), or null when {@code path} is given
 * @param path a file path relative to the server's datasets directory, or null when {@code csv} is given
 * @param epsilon the total epsilon, finite and {@code > 0}
 * @param delta the total delta, in [0, 1)
 * @param per who the budget is for
 */
public record DatasetRegistration(String name, String unitColumn, String csv, String path, double epsilon,
    double delta, BudgetPer per) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whose spending a dataset's budget limits. */
  public enum BudgetPer {
    /** One budget shared by every caller. */
    DATASET,
    /** Each analyst may spend the whole budget. */
    ANALYST
  }

  /** Uploads {@code csv}, with one shared budget. */
  public static DatasetRegistration upload(String name, String unitColumn, String csv, double epsilon, double delta) {
    return new DatasetRegistration(name, unitColumn, csv, null, epsilon, delta, BudgetPer.DATASET);
  }

  /** The request body. */
  public ObjectNode toJson() {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("unitColumn", unitColumn);
    if (csv != null) {
      body.put("csv", csv);
    }
    if (path != null) {
      body.put("path", path);
    }
    body.putObject("budget").put("epsilon", epsilon).put("delta", delta)
        .put("per", per.name().toLowerCase(Locale.ROOT));
    return body;
  }
}
