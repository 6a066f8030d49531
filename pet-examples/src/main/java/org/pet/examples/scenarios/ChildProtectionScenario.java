package org.pet.examples.scenarios;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pet.examples.EmbeddedServer;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.AgencyPool;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TransparencyAudit;
import org.pet.secagg.CollusionPolicy;
import org.pet.examples.client.TransparencyLogCopy;

/**
 * Scenario 1, child protection: a council's social services, an NHS trust and the police (and, for larger
 * runs, further agencies) each hold referral records of children. They count children referred per age
 * band and district across all of them without sharing any record: each agency masks its count vector in
 * a secure aggregation round over HTTP against a pet server, and adds a share of distributed discrete
 * Gaussian noise so that small cells are protected in the released total.
 *
 * <p>Privacy unit: a child. A child is referred at most once by each agency, so one child changes the
 * joint count vector by at most the number of agencies n in one cell: L2 sensitivity n. The noise gives
 * (epsilon, delta)-DP for that with t = threshold honest survivors (more survivors only add noise).
 */
public final class ChildProtectionScenario implements Scenario {

  /** The first three agencies' names; further ones are numbered. */
  static final List<String> NAMED_AGENCIES = List.of("council-social-services", "nhs-trust", "police");
  static final List<String> DISTRICTS = List.of("North", "South", "East", "West", "Central");
  static final List<String> AGE_BANDS = List.of("0-4", "5-9", "10-15", "16-17");

  /**
   * How to run the scenario.
   *
   * @param agencies the number of agencies n, at least 2
   * @param dropouts how many agencies drop out after sharing their keys, at most n - 2
   * @param epsilon the target epsilon of the released counts
   * @param delta the target delta
   * @param seed the seed of the synthetic data (the noise is always drawn from secure randomness)
   */
  public record Settings(int agencies, int dropouts, double epsilon, double delta, long seed) {
    public Settings {
      if (agencies < 2 || agencies > 200) {
        throw new IllegalArgumentException("--agencies must be in [2, 200], was " + agencies);
      }
      if (dropouts < 0 || 2 * dropouts >= agencies) {
        throw new IllegalArgumentException("--dropouts must be fewer than half of --agencies (the threshold, "
            + "agencies - dropouts, must meet 2t > n + c for c >= 0 colluders), was " + dropouts + " of " + agencies);
      }
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("--epsilon must be finite and > 0, was " + epsilon);
      }
      if (!(delta > 0 && delta < 1)) {
        throw new IllegalArgumentException("--delta must be in (0, 1), was " + delta);
      }
    }

    public static Settings defaults() {
      return new Settings(3, 0, 1.0, 1e-6, 2026);
    }
  }

  /**
   * What the scenario released.
   *
   * @param cells each age band x district count: truth (over the included agencies), released, 95% bound
   * @param included the agencies whose counts are in the total
   * @param epsilon the achieved epsilon with the included agencies
   * @param delta the achieved delta
   * @param logValid whether the server's transparency log verified
   * @param logEntries how many log entries were verified
   */
  public record Result(List<Estimate> cells, List<String> included, double epsilon, double delta, boolean logValid,
      long logEntries) {}

  public static void main(String[] args) throws Exception {
    Scenarios.main(new ChildProtectionScenario(), args);
  }

  @Override
  public String name() {
    return "child-protection";
  }

  @Override
  public String description() {
    return "Council, NHS trust and police count referred children per age band and district by secure "
        + "aggregation with distributed DP noise, over HTTP.";
  }

  /** Runs the default settings (3 agencies, no dropouts, epsilon 1, delta 1e-6) with this seed. */
  @Override
  public ScenarioResult run(PrintWriter out, long seed) {
    Settings defaults = Settings.defaults();
    Result result = run(new Settings(defaults.agencies(), defaults.dropouts(), defaults.epsilon(), defaults.delta(),
        seed), out);
    return new ScenarioResult(name(), result.cells());
  }

  /** Runs the scenario end to end against a fresh embedded server and prints what happens. */
  public static Result run(Settings settings, PrintWriter out) {
    try (EmbeddedServer server = EmbeddedServer.start()) {
      return run(settings, server, out);
    }
  }

  static Result run(Settings settings, EmbeddedServer server, PrintWriter out) {
    return run(settings, server, out, AgencyPool.PHASE_TIMEOUT_SECONDS);
  }

  /**
   * Runs the scenario with phase deadlines of {@code phaseTimeoutSeconds}: the agencies never wait for
   * one, dropouts included (the administrator closes the phase they skip once the others have answered).
   */
  static Result run(Settings settings, EmbeddedServer server, PrintWriter out, int phaseTimeoutSeconds) {
    List<String> names = agencyNames(settings.agencies());
    Map<String, long[]> counts = referralCounts(names, settings.seed());
    int threshold = settings.agencies() - settings.dropouts();
    // As many colluders as the default assumes, fewer where the dropouts leave too few agencies: 2t > n + c.
    int colluders = Math.min(CollusionPolicy.defaultColluders(names.size()), 2 * threshold - names.size() - 1);
    out.printf("pet demo - child protection referrals (synthetic data, seed %d)%n", settings.seed());
    out.printf("Server %s (embedded H2). %d agencies, threshold %d, tolerating %d colluding agencies, %d drop out "
        + "after sharing keys.%n", server.uri(), names.size(), threshold, colluders, settings.dropouts());
    PetClient admin = server.admin();
    admin.post("/v1/agreements", Map.of("parties", names, "purpose",
        "count children referred per age band and district to plan child protection services", "legalBasis",
        "Children Act 2004 s.10-11; UK GDPR Art. 6(1)(e) and 9(2)(g); DPA 2018 Sch. 1 para. 18", "data",
        "per-agency referral counts by age band and district, secret-shared and DP-noised"));
    AgencyPool agencies = AgencyPool.register(admin, names, colluders);
    int cells = DISTRICTS.size() * AGE_BANDS.size();
    Map<String, Object> noise = Map.of("mechanism", "discrete-gaussian", "epsilon", settings.epsilon(), "delta",
        settings.delta(), "sensitivity", (double) names.size());
    String roundId = agencies.createRound(threshold, cells, phaseTimeoutSeconds, noise);
    out.printf("Round %s: distributed discrete Gaussian noise, target epsilon %s, delta %s, L2 sensitivity %d%n",
        roundId, settings.epsilon(), settings.delta(), names.size());
    AgencyClient.Outcome outcome = agencies.run(roundId, counts, settings.dropouts());
    if (settings.dropouts() > 0) {
      List<String> dropped = names.subList(names.size() - settings.dropouts(), names.size());
      out.printf("%s dropped out after phase %s; the administrator closed phase %s once the other %d agencies had "
          + "answered it (no wait for the %d s deadline).%n", String.join(", ", dropped),
          AgencyPool.DROP_AFTER.path(), AgencyPool.CLOSED_FOR_DROPOUTS.path(), names.size() - dropped.size(),
          phaseTimeoutSeconds);
    }
    long bound = outcome.errorBound95().orElseThrow();
    List<Estimate> estimates = new ArrayList<>();
    long[] sum = outcome.sum();
    for (int cell = 0; cell < cells; cell++) {
      long truth = 0;
      for (String agency : outcome.included()) {
        truth += counts.get(agency)[cell];
      }
      estimates.add(new Estimate(DISTRICTS.get(cell / AGE_BANDS.size()) + " " + AGE_BANDS.get(cell % AGE_BANDS.size()),
          truth, sum[cell], bound));
    }
    printTable(out, estimates);
    double epsilon = outcome.privacy().get("epsilon").asDouble();
    double delta = outcome.privacy().get("delta").asDouble();
    out.printf("Included agencies: %s%n", String.join(", ", outcome.included()));
    out.printf("Achieved privacy with %d included agencies, %d of which may collude with the server: epsilon %.4f, "
        + "delta %s (per child, all cells together; %.4f if none colludes)%n", outcome.included().size(), colluders,
        epsilon, delta, outcome.privacy().path("withoutCollusion").path("epsilon").asDouble());
    PetClient anyone = PetClient.anonymous(server.uri());
    TransparencyAudit.Report audit = TransparencyAudit.audit(anyone, null, null);
    TransparencyLogCopy log = audit.copy();
    boolean valid = audit.valid();
    out.printf("Transparency log: %d entries, %s (checked here, not by the server)%n", log.size(),
        valid ? "entries match the signed checkpoint, ledgers match the log" : "INVALID");
    Report.withinBound(out, estimates, "cells");
    out.flush();
    return new Result(estimates, outcome.included(), epsilon, delta, valid, log.size());
  }

  static List<String> agencyNames(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(i < NAMED_AGENCIES.size() ? NAMED_AGENCIES.get(i) : "agency-" + (i + 1));
    }
    return names;
  }

  /**
   * Synthetic referrals: a population of 40,000 children with a home district and age band; each agency
   * refers each child at most once, with a probability that depends on the agency and the district.
   */
  static Map<String, long[]> referralCounts(List<String> agencies, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int children = 40_000;
    int[] cell = new int[children];
    for (int child = 0; child < children; child++) {
      cell[child] = random.nextInt(DISTRICTS.size()) * AGE_BANDS.size() + random.nextInt(AGE_BANDS.size());
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String agency : agencies) {
      double base = 0.01 + 0.03 * random.nextDouble();
      long[] vector = new long[DISTRICTS.size() * AGE_BANDS.size()];
      for (int child = 0; child < children; child++) {
        double rate = base * (1 + cell[child] / AGE_BANDS.size()) / 3;
        if (random.nextDouble() < rate) {
          vector[cell[child]]++;
        }
      }
      counts.put(agency, vector);
    }
    return counts;
  }

  private static void printTable(PrintWriter out, List<Estimate> estimates) {
    out.printf("%-16s %8s %10s %8s   %s%n", "cell", "truth", "released", "error", "95% bound");
    for (Estimate estimate : estimates) {
      out.printf("%-16s %8.0f %10.0f %+8.0f   +/-%.0f%n", estimate.label(), estimate.truth(), estimate.released(),
          estimate.error(), estimate.bound95());
    }
  }
}
