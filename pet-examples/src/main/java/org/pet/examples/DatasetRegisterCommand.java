package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pet.examples.client.DatasetRegistration;
import org.pet.examples.client.DatasetRegistration.BudgetPer;
import org.pet.examples.client.QueryServiceClient;
import org.pet.examples.csv.CsvFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet dataset register}: registers a dataset with a total privacy budget ({@code POST /v1/datasets}),
 * uploading a local CSV file (checked first: header, field counts, the unit column) or naming a file the
 * server already holds.
 */
@Command(name = "register",
    description = "Register a dataset (a CSV file, header row first) with a total privacy budget; prints its id.")
final class DatasetRegisterCommand implements Callable<Integer> {

  /** Where the data comes from: exactly one of the two. */
  static final class Source {
    @Option(names = "--csv", paramLabel = "FILE", description = "Upload this local CSV file.")
    Path csv;

    @Option(names = "--path", paramLabel = "SERVER_PATH",
        description = "A file under the server's <data directory>/datasets, copied at registration.")
    String path;
  }

  @Spec
  private CommandSpec spec;

  @Mixin
  private AdminOptions admin;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "A human-readable name.")
  private String name;

  @Option(names = "--unit-column", required = true, paramLabel = "COL",
      description = "The column identifying the privacy unit (a person, a household).")
  private String unitColumn;

  @Option(names = "--budget-epsilon", required = true, paramLabel = "E",
      description = "Total epsilon, finite and > 0.")
  private double budgetEpsilon;

  @Option(names = "--budget-delta", defaultValue = "0", paramLabel = "D",
      description = "Total delta, in [0, 1) (default ${DEFAULT-VALUE}).")
  private double budgetDelta;

  @Option(names = "--budget-per", defaultValue = "dataset", paramLabel = "WHO",
      description = "dataset: one budget shared by every caller; analyst: each analyst may spend all of it "
          + "(default ${DEFAULT-VALUE}).")
  private BudgetPer budgetPer;

  @Override
  public Integer call() {
    Inputs.epsilon("--budget-epsilon", budgetEpsilon);
    Inputs.delta("--budget-delta", budgetDelta);
    Inputs.require(!name.isBlank(), "--name", "not blank", "\"" + name + "\"");
    String csvText = null;
    if (source.csv != null) {
      CsvFile data = CsvFile.read("--csv", source.csv);
      data.column(unitColumn);
      if (data.rows().isEmpty()) {
        throw new UsageException(source.csv + ": no data rows");
      }
      csvText = data.text();
    } else {
      Inputs.require(!source.path.isBlank(), "--path", "not blank", "\"" + source.path + "\"");
    }
    QueryServiceClient client = new QueryServiceClient(admin.client());
    JsonNode created = client.register(new DatasetRegistration(name, unitColumn, csvText, source.path, budgetEpsilon,
        budgetDelta, budgetPer));
    List<String> columns = new ArrayList<>();
    created.path("columns").forEach(column -> columns.add(column.asText()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("registered dataset %s (%s rows; columns %s; budget epsilon %s, delta %s, per %s)%n",
        created.path("id").asText(), created.path("rows").asText(), String.join(", ", columns), budgetEpsilon,
        budgetDelta, created.path("budgetPer").asText());
    List<String> numeric = new ArrayList<>();
    created.path("numericColumns").forEach(column -> numeric.add(column.asText()));
    out.printf("numeric columns (sum, mean, variance and quantile take only these): %s%n",
        numeric.isEmpty() ? "none" : String.join(", ", numeric));
    return 0;
  }
}
