package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.client.TaskClient;
import org.pet.vdaf.Prio3Config;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet agency submit}: an agency submits reports to a two-aggregator task. The task is read from
 * the leader and from the helper, which must agree on it; each measurement is checked against the task's
 * VDAF, secret-shared with a validity proof, each share sealed to its aggregator, signed and sent to the
 * leader. Neither aggregator alone sees a value.
 */
@Command(name = "submit", description = {
    "Submit measurements to a two-aggregator Prio3 task (the --server is the task's leader).",
    "--value gives one report's integers (one for Count/Sum/Histogram - the bucket index -, length for "
        + "SumVec/MultihotCountVec). --input/--column submits one report per row for Count, Sum and Histogram, "
        + "or the column as one vector for SumVec and MultihotCountVec."})
final class AgencySubmitCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServerOption server;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "This agency's key file.")
  private Path keyFile;

  @Option(names = "--task", required = true, paramLabel = "ID", description = "The task id.")
  private String task;

  @Option(names = "--helper", paramLabel = "URL", description = "The helper's address as you know it (default: the "
      + "one the leader names).")
  private String helper;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  static final class Source {
    @Option(names = "--value", split = ",", paramLabel = "V", description = "The measurement, e.g. 12 or 0,1,0,1.")
    long[] value;

    @ArgGroup(exclusive = false)
    CsvSource csv;
  }

  static final class CsvSource {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
    Path input;

    @Option(names = "--column", required = true, paramLabel = "NAME", description = "The column to submit.")
    String column;
  }

  @Override
  public Integer call() {
    URI leader = server.uri();
    URI helperUri = helper == null ? null : Inputs.serverAddress("--helper", helper);
    AgencyKeyFile identity = Inputs.agencyKey("--key", keyFile);
    long[] csvValues = source.csv == null ? null : org.pet.examples.csv.CsvFile.read("--input",
        Inputs.readableFile("--input", source.csv.input)).integers(source.csv.column);
    TaskClient.TaskView view;
    try {
      view = TaskClient.view(leader, task, helperUri);
    } catch (IllegalStateException e) {
      throw new FailureException(e.getMessage());
    }
    List<long[]> measurements = new ArrayList<>();
    boolean vector = view.vdaf().measurementInputs() > 1;
    if (csvValues == null || vector) {
      measurements.add(csvValues == null ? source.value : csvValues);
    } else {
      for (long value : csvValues) {
        measurements.add(new long[] {value});
      }
    }
    for (long[] measurement : measurements) {
      check(view.vdaf(), measurement);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (long[] measurement : measurements) {
      JsonNode accepted = TaskClient.submit(leader, identity.agency(), identity.key(), view, measurement);
      out.printf("report %s submitted to task %s (%s)%n", accepted.path("reportId").asText(), task,
          accepted.path("state").asText());
    }
    out.flush();
    return 0;
  }

  /** Validates a measurement before anything is sent (exit 2 with the VDAF's reason). */
  private static void check(Prio3Config vdaf, long[] measurement) {
    try {
      org.pet.vdaf.TwoAggregatorPrio3.of(vdaf).validate(measurement);
    } catch (IllegalArgumentException e) {
      throw new UsageException("the measurement " + java.util.Arrays.toString(measurement) + " is not valid for "
          + vdaf + ": " + e.getMessage());
    }
  }
}
