package org.pet.examples.scenarios;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The registry of scenarios {@code pet scenario} runs: add a new one to {@link #REGISTERED}. */
public final class Scenarios {

  /** The seed scenarios use unless told otherwise. */
  public static final long DEFAULT_SEED = 2026;

  private static final List<Supplier<Scenario>> REGISTERED = List.of(
      ChildProtectionScenario::new,
      FraudSignalsScenario::new,
      AccessPointScenario::new,
      PublishingScenario::new,
      DataLinkageScenario::new,
      RoughSleepersScenario::new);

  private Scenarios() {}

  /** A fresh instance of every scenario, in the order listed. */
  public static List<Scenario> all() {
    return REGISTERED.stream().map(Supplier::get).toList();
  }

  /** A fresh instance of the scenario called {@code name}. */
  public static Optional<Scenario> find(String name) {
    return all().stream().filter(scenario -> scenario.name().equals(name)).findFirst();
  }

  /** The body of a scenario's {@code main}: runs it with the seed in {@code args[0]}, if any, to stdout. */
  static void main(Scenario scenario, String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
    PrintWriter out = new PrintWriter(System.out, true);
    scenario.run(out, seed);
    out.flush();
  }
}
