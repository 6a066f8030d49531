package org.pet.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.client.RetryPolicy;
import org.pet.examples.client.RoundFailedException;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.CollusionPolicy;
import org.pet.secagg.RoundRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet agency join}: an agency takes part in a secure aggregation round with the whole-number column
 * of a CSV file as its input vector (one row per value, in order). The key file and the CSV are checked
 * before anything is sent; the round's public description is then checked against them (this agency
 * listed with this key, the vector length) before the first message. Only masked values leave the agency.
 * A server that stops answering (restarting, say) is waited for, each retry logged on stderr, for up to
 * {@code --retry-for} seconds per request.
 */
@Command(name = "join", description = {
    "Join a secure aggregation round with a column of a CSV file as this agency's input.",
    "The values must be whole numbers (encode amounts in their smallest unit, e.g. pence). Shows a progress "
        + "bar on a terminal, one line per phase otherwise."})
final class AgencyJoinCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private RoundOptions target;

  @Mixin
  private AgencyInputOptions files;

  @Option(names = "--column", defaultValue = "value", paramLabel = "NAME",
      description = "The column holding the vector (default ${DEFAULT-VALUE}).")
  private String column;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the round's aggregate here as CSV.")
  private Path output;

  @Option(names = "--retry-for", defaultValue = "600", paramLabel = "SECONDS", description = {
      "How long to keep retrying a request the server does not answer (it may be restarting) before failing; "
          + "0 fails at once (default ${DEFAULT-VALUE})."})
  private long retryFor;

  @Option(names = "--max-colluders", paramLabel = "C", description = {
      "How many other agencies this one assumes may collude with the server. A round whose threshold t does "
          + "not meet 2t > n + C (so a server could show two survivor sets and unmask an agency), or that "
          + "declares fewer tolerated colluders, is refused before anything is sent. Default: the largest C "
          + "below n/3."})
  private Integer maxColluders;

  @Override
  public Integer call() {
    String id = target.round();
    AgencyKeyFile identity = files.identity();
    long[] vector = files.csv().integers(column);
    if (retryFor < 0) {
      throw new UsageException("--retry-for must be >= 0 seconds, was " + retryFor);
    }
    if (output != null) {
      Inputs.outputFile("--output", output);
    }
    if (maxColluders != null && maxColluders < 0) {
      throw new UsageException("--max-colluders must be >= 0, was " + maxColluders);
    }
    AgencyClient agency = new AgencyClient(target.server().uri(), identity.agency(), identity.key(),
        RetryPolicy.builder().giveUpAfter(Duration.ofSeconds(retryFor)).build(),
        maxColluders == null ? CollusionPolicy.defaultPolicy() : CollusionPolicy.tolerating(maxColluders));
    SecAggParameters parameters;
    try {
      parameters = agency.parameters(id);
    } catch (IllegalStateException e) {
      throw new FailureException(e.getMessage());
    }
    if (parameters.vectorLength() != vector.length) {
      throw new UsageException("--input: " + files.input() + " has " + vector.length + " values in column " + column
          + " but round " + id + " sums vectors of length " + parameters.vectorLength());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("agency %s joins round %s (%d agencies, threshold %d)%n", identity.agency(), id,
        parameters.participants().size(), parameters.threshold());
    out.flush();
    AgencyClient.Outcome outcome;
    AgencyClient.Phase[] phases = AgencyClient.Phase.values();
    try (ProgressDisplay progress = ProgressDisplay.open(out, "round", phases.length, "phase " + phases[0].path())) {
      outcome = agency.join(id, vector, null, phase -> {
        int done = phase.ordinal() + 1;
        progress.stepsDone(done, done < phases.length ? phase.path() + " done; next: " + phases[done].path()
            : phase.path() + " done", "phase " + phase.path() + " done");
      });
    } catch (RoundFailedException | RoundRefusedException e) {
      throw new FailureException(e.getMessage());
    }
    RoundResultCommand.print(out, outcome, output);
    return 0;
  }
}
