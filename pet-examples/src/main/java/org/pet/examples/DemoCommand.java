package org.pet.examples;

import java.util.concurrent.Callable;
import org.pet.examples.client.RoundFailedException;
import org.pet.examples.scenarios.ChildProtectionScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet demo}: the child-protection scenario end to end over real HTTP - an embedded server (H2 in a
 * temporary directory), N simulated agencies joining a secure aggregation round with distributed DP noise,
 * K of them dropping out, the joint counts beside the truth, and the transparency log verified. Phase
 * deadlines are generous; the phase the dropouts skip is closed as soon as the others have answered it. A
 * round that fails is reported in one line (phase, time, missing agencies), exit code 1.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the child-protection scenario end to end over HTTP against an embedded server.")
final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--agencies", defaultValue = "3", description = "Number of agencies (default ${DEFAULT-VALUE}).")
  private int agencies;

  @Option(names = "--dropouts", defaultValue = "0",
      description = "Agencies that drop out after sharing their keys (default ${DEFAULT-VALUE}).")
  private int dropouts;

  @Option(names = "--epsilon", defaultValue = "1.0", description = "Target epsilon (default ${DEFAULT-VALUE}).")
  private double epsilon;

  @Option(names = "--delta", defaultValue = "1e-6", description = "Target delta (default ${DEFAULT-VALUE}).")
  private double delta;

  @Option(names = "--seed", defaultValue = "2026",
      description = "Seed of the synthetic data; the noise is always secure (default ${DEFAULT-VALUE}).")
  private long seed;

  @Override
  public Integer call() {
    ChildProtectionScenario.Settings settings;
    try {
      settings = new ChildProtectionScenario.Settings(agencies, dropouts, epsilon, delta, seed);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("pet demo: " + e.getMessage());
      return 2;
    }
    ChildProtectionScenario.Result result;
    try {
      result = ChildProtectionScenario.run(settings, spec.commandLine().getOut());
    } catch (RoundFailedException e) {
      throw new FailureException(e.getMessage());
    }
    return result.logValid() ? 0 : 1;
  }
}
