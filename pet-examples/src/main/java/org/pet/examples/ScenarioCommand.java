package org.pet.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pet.examples.client.RoundFailedException;
import org.pet.examples.scenarios.Scenario;
import org.pet.examples.scenarios.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pet scenario}: runs one of the public-sector scenarios registered in {@link Scenarios}. */
@Command(name = "scenario",
    description = "Run a public-sector scenario on synthetic data (list them with --list).")
final class ScenarioCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The scenario to run.")
  private String name;

  @Option(names = "--list", description = "List the scenarios and what they show.")
  private boolean list;

  @Option(names = "--seed", defaultValue = "" + Scenarios.DEFAULT_SEED, paramLabel = "S",
      description = "Seed of the synthetic data (default ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Where a scenario that writes a file (publishing) writes it (default: a temporary file).")
  private Path output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      for (Scenario scenario : Scenarios.all()) {
        out.printf("%-18s %s%n", scenario.name(), scenario.description());
      }
      return 0;
    }
    if (name == null) {
      throw new UsageException("name a scenario (" + names() + ") or use --list");
    }
    Scenario scenario = Scenarios.find(name).orElseThrow(() ->
        new UsageException("no scenario " + name + "; the scenarios are " + names()));
    if (output != null) {
      scenario = scenario.writingTo(Inputs.outputFile("--output", output));
    }
    try {
      scenario.run(out, seed);
    } catch (RoundFailedException e) {
      throw new FailureException(e.getMessage());
    }
    return 0;
  }

  private static String names() {
    return Scenarios.all().stream().map(Scenario::name).collect(Collectors.joining(", "));
  }
}
