package org.pet.benchmarks;

import java.util.Arrays;
import org.pet.benchmarks.study.PrivacyUtilityStudy;

/**
 * The entry point of {@code benchmarks.jar}: {@code java -jar benchmarks.jar study [--out DIR] [--quick]}
 * runs the privacy/utility study ({@link PrivacyUtilityStudy}); any other arguments go unchanged to JMH's
 * own command line ({@code org.openjdk.jmh.Main}), e.g. {@code java -jar benchmarks.jar PrgBenchmark -rf
 * json}.
 */
public final class BenchmarksMain {

  /** The first argument that selects the study instead of JMH. */
  public static final String STUDY_COMMAND = "study";

  private BenchmarksMain() {}

  /**
   * Runs the study or JMH.
   *
   * @param args {@code study} and the study's options, or JMH's options and benchmark name patterns
   * @throws Exception whatever the study or JMH throws
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals(STUDY_COMMAND)) {
      PrivacyUtilityStudy.main(Arrays.copyOfRange(args, 1, args.length));
    } else {
      org.openjdk.jmh.Main.main(args);
    }
  }
}
