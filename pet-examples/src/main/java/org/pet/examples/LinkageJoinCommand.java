package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.client.LinkageClient;
import org.pet.examples.csv.CsvFile;
import org.pet.examples.csv.CsvRow;
import org.pet.linkage.PsiRecord;
import org.pet.linkage.PsiResult;
import org.pet.linkage.PsiRole;
import org.pet.secagg.ProtocolViolationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet linkage join}: an agency takes its part in a linkage session with the identifiers (and, for
 * the value party, the values) of a CSV file. The key file, the CSV and this agency's role in the session
 * are checked before anything is sent. Identifiers never leave the agency: only points blinded with a
 * fresh secret key, ElGamal ciphertexts and the released result do.
 */
@Command(name = "join", description = {
    "Take part in a linkage session with a CSV file of identifiers (and values, for the value party).",
    "Shows a progress bar on a terminal (the step, the time elapsed and what is being done), one line per "
        + "step otherwise.",
    "Identifiers are normalised as the session says (by default Unicode NFKC, whitespace removed, lower case) "
        + "and deduplicated; the value "
        + "party's values must be whole numbers, a person's values are added and clamped to [0, max-value]."})
final class LinkageJoinCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private LinkageOptions target;

  @Mixin
  private AgencyInputOptions files;

  @Mixin
  private PrecisionOption precision;

  @Option(names = "--id-column", defaultValue = "id", paramLabel = "NAME",
      description = "The column holding the identifiers (default ${DEFAULT-VALUE}).")
  private String idColumn;

  @Option(names = "--value-column", paramLabel = "NAME",
      description = "The column holding the values (value party of a session with a sum only).")
  private String valueColumn;

  @Option(names = "--timeout", defaultValue = "3600", paramLabel = "SECONDS",
      description = "How long to wait for the other party at each step (default ${DEFAULT-VALUE}).")
  private long timeoutSeconds;

  @Override
  public Integer call() {
    String session = target.session();
    Inputs.atLeast("--timeout", timeoutSeconds, 1);
    AgencyKeyFile identity = files.identity();
    CsvFile csv = files.csv();
    LinkageClient client = new LinkageClient(target.server().uri(), identity.agency(), identity.key());
    JsonNode description = client.describe(session);
    PsiRole role;
    try {
      role = client.role(description);
    } catch (IllegalStateException e) {
      throw new FailureException(e.getMessage());
    }
    boolean withSum = LinkageClient.parameters(description).computesSum();
    if (role == PsiRole.IDENTIFIER_PARTY && valueColumn != null) {
      throw new UsageException("--value-column: " + identity.agency() + " is the identifier party of session "
          + session + "; only the value party sends values");
    }
    if (role == PsiRole.VALUE_PARTY && withSum && valueColumn == null) {
      throw new UsageException("--value-column is required: " + identity.agency() + " is the value party of session "
          + session + ", which sums values");
    }
    List<PsiRecord> records = records(csv, role == PsiRole.VALUE_PARTY && withSum);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("agency %s joins linkage session %s as the %s party with %d rows%n", identity.agency(), session,
        role == PsiRole.IDENTIFIER_PARTY ? "identifier" : "value", records.size());
    out.flush();
    PsiResult result;
    try (ProgressDisplay progress = ProgressDisplay.open(out, "linkage", 4, "starting")) {
      result = client.join(session, records, new LinkageClient.Progress() {
        @Override
        public void working(String activity) {
          progress.activity(activity);
        }

        @Override
        public void relayed(int step) {
          progress.stepsDone(step, "step " + step + " of 4 relayed", "step " + step + " of 4 relayed");
        }
      }, Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalStateException | ProtocolViolationException e) {
      throw new FailureException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--input: " + e.getMessage());
    }
    print(out, result, precision.numbers());
    return 0;
  }

  private List<PsiRecord> records(CsvFile csv, boolean withValues) {
    int ids = csv.column(idColumn);
    int values = withValues ? csv.column(valueColumn) : -1;
    List<PsiRecord> records = new ArrayList<>(csv.rows().size());
    for (CsvRow row : csv.rows()) {
      String identifier = row.text(ids);
      if (identifier.isBlank()) {
        throw row.error(ids, "an empty identifier");
      }
      records.add(new PsiRecord(identifier, withValues ? row.integer(values) : 0));
    }
    return records;
  }

  static void print(PrintWriter out, PsiResult result, PrintedNumbers numbers) {
    boolean noised = result.epsilon() > 0;
    out.println("people in both: " + result.cardinality()
        + (noised ? " (+-" + result.cardinalityHalfWidth() + " at 95%)" : ""));
    result.sum().ifPresent(sum -> out.println("sum over them: " + sum
        + (noised ? " (+-" + result.sumHalfWidth() + " at 95%)" : "")));
    out.println(noised ? "privacy: epsilon " + numbers.parameter(result.epsilon()) + " per person, delta 0"
        : "exact result (no DP noise)");
    out.println("identifiers sent: identifier party " + result.identifierPartySize() + ", value party "
        + result.valuePartySize() + " (distinct, after normalisation)");
  }
}
