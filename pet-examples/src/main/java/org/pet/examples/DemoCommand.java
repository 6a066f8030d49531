package org.pet.examples;

import java.io.PrintWriter;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.Noise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet demo}: the child-protection scenario. Until the secure aggregation server lands, it shows the
 * differential-privacy step of that scenario on synthetic referral counts (noised counts beside the truth
 * and their 95% intervals) and prints what the full end-to-end demo will do.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the child-protection demo on synthetic data.")
final class DemoCommand implements Callable<Integer> {

  private static final String[] AGE_BANDS = {"0-4", "5-9", "10-15", "16-17"};

  @Spec
  private CommandSpec spec;

  @Option(names = "--epsilon", defaultValue = "1.0", description = "Privacy budget per count (default ${DEFAULT-VALUE}).")
  private double epsilon;

  @Option(names = "--seed", defaultValue = "2026", description = "Seed for the synthetic data (default ${DEFAULT-VALUE}).")
  private long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      spec.commandLine().getErr().println("pet demo: --epsilon must be finite and > 0, was " + epsilon);
      return 2;
    }
    out.println("pet demo - child protection referrals (synthetic data, seed " + seed + ")");
    out.println();
    out.println("Planned end-to-end run (secure aggregation server pending): a council's social services,");
    out.println("an NHS trust and the police each mask their per-age-band referral counts; a pet server");
    out.println("sums the masked vectors over HTTP and only the joint, DP-noised totals are revealed.");
    out.println();
    out.printf("Available now: discrete Laplace noise, epsilon = %s per count, one child per band.%n", epsilon);
    out.printf("%-8s %8s %8s %8s   %s%n", "age", "true", "noised", "error", "95% interval");
    SplittableRandom data = new SplittableRandom(seed);
    Noise noise = new DiscreteLaplaceNoise();
    for (String band : AGE_BANDS) {
      long truth = 20 + data.nextInt(180);
      long noised = noise.addNoise(truth, 1, 1L, epsilon, null);
      ConfidenceInterval ci = noise.computeConfidenceInterval(noised, 1, 1.0, epsilon, null, 0.05);
      out.printf("%-8s %8d %8d %+8d   [%.0f, %.0f]%n",
          band, truth, noised, noised - truth, ci.lowerBound(), ci.upperBound());
    }
    return 0;
  }
}
