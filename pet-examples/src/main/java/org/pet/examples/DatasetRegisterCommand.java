package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pet.examples.client.QueryServiceClient;
import org.pet.examples.csv.CsvFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet dataset register}: uploads a CSV file as a dataset with a total privacy budget
 * ({@code POST /v1/datasets}). The file is checked locally first (header, field counts, the unit column).
 */
@Command(name = "register",
    description = "Register a CSV file (header row first) as a dataset with a total privacy budget; prints its id.")
final class DatasetRegisterCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private AdminOptions admin;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "A human-readable name.")
  private String name;

  @Option(names = "--unit-column", required = true, paramLabel = "COL",
      description = "The column identifying the privacy unit (a person, a household).")
  private String unitColumn;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The data, a CSV file with a header.")
  private Path csv;

  @Option(names = "--budget-epsilon", required = true, paramLabel = "E",
      description = "Total epsilon all queries together may spend, finite and > 0.")
  private double budgetEpsilon;

  @Option(names = "--budget-delta", defaultValue = "0", paramLabel = "D",
      description = "Total delta, in [0, 1) (default ${DEFAULT-VALUE}).")
  private double budgetDelta;

  @Override
  public Integer call() {
    Inputs.epsilon("--budget-epsilon", budgetEpsilon);
    Inputs.delta("--budget-delta", budgetDelta);
    Inputs.require(!name.isBlank(), "--name", "not blank", "\"" + name + "\"");
    CsvFile data = CsvFile.read("--csv", csv);
    data.column(unitColumn);
    if (data.rows().isEmpty()) {
      throw new UsageException(csv + ": no data rows");
    }
    QueryServiceClient client = new QueryServiceClient(admin.client());
    JsonNode created = client.register(name, unitColumn, data.text(), budgetEpsilon, budgetDelta);
    PrintWriter out = spec.commandLine().getOut();
    out.println("registered dataset " + created.path("id").asText() + " (" + created.path("rows").asText()
        + " rows; columns " + String.join(", ", data.header()) + "; budget epsilon " + budgetEpsilon + ", delta "
        + budgetDelta + ")");
    return 0;
  }
}
