package org.pet.examples.scenarios;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.pet.examples.UsageException;

/**
 * A runnable public-sector scenario on synthetic data generated in code from a seed (no downloaded data).
 * It prints its released numbers beside the truth and the predicted error, and returns them. Register a
 * new scenario in {@link Scenarios}.
 */
public interface Scenario {

  /** The name {@code pet scenario NAME} runs it by: lower case, words joined by '-'. */
  String name();

  /** One line saying what it shows. */
  String description();

  /**
   * Runs the scenario.
   *
   * @param out where the report goes
   * @param seed seeds the synthetic data (and nothing secret)
   * @return the released numbers beside the truth, as printed
   * @throws Exception if the scenario cannot run (say, its embedded server does not start)
   */
  ScenarioResult run(PrintWriter out, long seed) throws Exception;

  /**
   * This scenario writing its file output (a published table, say) to {@code file} instead of a temporary
   * file.
   *
   * @throws UsageException if the scenario writes no file
   */
  default Scenario writingTo(Path file) {
    throw new UsageException("scenario " + name() + " writes no file; --output does not apply");
  }
}
