package org.pet.examples.scenarios;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.Noise;
import org.pet.examples.EmbeddedServer;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.AgencyPool;

/**
 * Scenario 2, fraud signals: HMRC, DWP and two councils each flag suspicious benefit and tax claims. They
 * pool per-region counts and total amounts of flagged claims in an exact secure aggregation round (no agency
 * sees another's figures; the round reveals only the pooled totals), and the pooled table is then published
 * with differential privacy.
 *
 * <p>Publication guarantee: epsilon-DP per claimant (discrete Laplace noise, pure DP). A claimant lives in
 * one region and is flagged at most once by each of the n agencies, with each flagged amount clamped by the
 * agency to [0, {@value #AMOUNT_CAP}] pounds, so one claimant changes one region's count by at most n and
 * its total by at most n x {@value #AMOUNT_CAP}: L0 sensitivity 1, Linf n and n x cap. Half the epsilon goes
 * to the counts and half to the totals (basic composition).
 */
public final class FraudSignalsScenario implements Scenario {

  static final List<String> AGENCIES = List.of("hmrc", "dwp", "council-leeds", "council-bristol");
  static final List<String> REGIONS = List.of("North East", "North West", "Yorkshire", "East Midlands",
      "West Midlands", "East", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland");
  /** The most a single flagged claim contributes to a total, in pounds. */
  static final long AMOUNT_CAP = 5_000;

  /**
   * What the scenario released.
   *
   * @param pooled the exact pooled vector the round revealed (counts by region, then totals by region)
   * @param truth the plaintext sum of the agencies' vectors (known only because the data is synthetic)
   * @param counts the published counts per region, with truth and 95% bound
   * @param totals the published totals per region, in pounds
   * @param epsilon the publication's epsilon
   */
  public record Result(long[] pooled, long[] truth, List<Estimate> counts, List<Estimate> totals, double epsilon) {}

  /** The publication's total epsilon when run as a registered scenario. */
  static final double EPSILON = 1.0;

  public static void main(String[] args) throws Exception {
    Scenarios.main(new FraudSignalsScenario(), args);
  }

  @Override
  public String name() {
    return "fraud-signals";
  }

  @Override
  public String description() {
    return "HMRC, DWP and two councils pool regional counts and totals of flagged claims by secure "
        + "aggregation, then publish them with DP.";
  }

  @Override
  public ScenarioResult run(PrintWriter out, long seed) {
    Result result = run(EPSILON, seed, out);
    List<Estimate> estimates = new ArrayList<>(result.counts());
    estimates.addAll(result.totals());
    return new ScenarioResult(name(), estimates);
  }

  /**
   * Runs the scenario against a fresh embedded server.
   *
   * @param epsilon the publication's total epsilon, finite and &gt; 0
   * @param seed the synthetic data's seed (the noise is always secure)
   */
  public static Result run(double epsilon, long seed, PrintWriter out) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, was " + epsilon);
    }
    Map<String, long[]> flagged = flaggedClaims(seed);
    out.printf("pet scenario fraud-signals (synthetic data, seed %d)%n", seed);
    try (EmbeddedServer server = EmbeddedServer.start()) {
      server.admin().post("/v1/agreements", Map.of("parties", AGENCIES, "purpose",
          "pool regional counts and totals of flagged claims to target fraud prevention", "legalBasis",
          "Digital Economy Act 2017 s.56 (fraud against the public sector); UK GDPR Art. 6(1)(e)", "data",
          "per-region counts and clamped totals of flagged claims, secure aggregation only"));
      AgencyPool agencies = AgencyPool.register(server.admin(), AGENCIES);
      String round = agencies.createRound(AGENCIES.size() - 1, 2 * REGIONS.size(), null);
      out.printf("Round %s: %s pool %d counts and %d totals (threshold %d, exact sum)%n", round,
          String.join(", ", AGENCIES), REGIONS.size(), REGIONS.size(), AGENCIES.size() - 1);
      AgencyClient.Outcome outcome = agencies.run(round, flagged, 0);
      long[] pooled = outcome.sum();
      long[] truth = new long[pooled.length];
      flagged.values().forEach(vector -> {
        for (int i = 0; i < truth.length; i++) {
          truth[i] += vector[i];
        }
      });
      Noise noise = new DiscreteLaplaceNoise();
      double half = epsilon / 2;
      long n = AGENCIES.size();
      List<Estimate> counts = new ArrayList<>();
      List<Estimate> totals = new ArrayList<>();
      for (int region = 0; region < REGIONS.size(); region++) {
        counts.add(publish(noise, REGIONS.get(region), pooled[region], truth[region], n, half));
        totals.add(publish(noise, REGIONS.get(region), pooled[REGIONS.size() + region],
            truth[REGIONS.size() + region], n * AMOUNT_CAP, half));
      }
      out.printf("Published with discrete Laplace noise, epsilon %s per claimant (%s for counts, %s for totals)%n",
          epsilon, half, half);
      out.printf("%-17s %7s %9s %8s %13s %13s %11s%n", "region", "count", "published", "95% +/-", "total (GBP)",
          "published", "95% +/-");
      for (int region = 0; region < REGIONS.size(); region++) {
        Estimate count = counts.get(region);
        Estimate total = totals.get(region);
        out.printf("%-17s %7.0f %9.0f %8.0f %13.0f %13.0f %11.0f%n", count.label(), count.truth(), count.released(),
            count.bound95(), total.truth(), total.released(), total.bound95());
      }
      long exact = IntStream.range(0, pooled.length).filter(i -> pooled[i] == truth[i]).count();
      out.printf("The round pooled exact sums: %d of %d equal the agencies' plaintext total (no noise in the "
          + "round; the noise is added when publishing).%n", exact, pooled.length);
      List<Estimate> published = new ArrayList<>(counts);
      published.addAll(totals);
      Report.withinBound(out, published, "published counts and totals");
      out.flush();
      return new Result(pooled, truth, counts, totals, epsilon);
    }
  }

  private static Estimate publish(Noise noise, String label, long pooled, long truth, long sensitivity,
      double epsilon) {
    long released = noise.addNoise(pooled, 1, sensitivity, epsilon, null);
    ConfidenceInterval interval = noise.computeConfidenceInterval(released, 1, sensitivity, epsilon, null, 0.05);
    double bound = Math.max(released - interval.lowerBound(), interval.upperBound() - released);
    return new Estimate(label, truth, released, bound);
  }

  /**
   * Synthetic flagged claims: each agency flags a few hundred claims per region, with amounts clamped to
   * the cap; the vector is counts by region, then totals in pounds by region.
   */
  static Map<String, long[]> flaggedClaims(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, long[]> vectors = new LinkedHashMap<>();
    for (String agency : AGENCIES) {
      long[] vector = new long[2 * REGIONS.size()];
      for (int region = 0; region < REGIONS.size(); region++) {
        int claims = 100 + random.nextInt(400);
        vector[region] = claims;
        for (int claim = 0; claim < claims; claim++) {
          long amount = Math.round(-800 * Math.log(1 - random.nextDouble())); // exponential, mean 800
          vector[REGIONS.size() + region] += Math.min(amount, AMOUNT_CAP);
        }
      }
      vectors.put(agency, vector);
    }
    return vectors;
  }
}
