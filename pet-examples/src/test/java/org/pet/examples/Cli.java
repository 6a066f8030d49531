package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the {@code pet} command line in-process and checks its conventions. */
final class Cli {

  private Cli() {}

  /**
   * What one run printed and returned.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int exitCode, String out, String err) {

    /** Asserts a success: exit code 0 and nothing on stderr. */
    Result succeeded() {
      assertThat(err).as("stderr").isEmpty();
      assertThat(exitCode).as("exit code (stdout: %s)", out).isZero();
      return this;
    }

    /**
     * Asserts a failure with {@code exitCode}: stderr is exactly one line, {@code command: ...} containing
     * {@code fragment}, and no stack trace.
     */
    Result failed(int expectedExitCode, String command, String fragment) {
      assertThat(exitCode).as("exit code (stderr: %s)", err).isEqualTo(expectedExitCode);
      assertThat(err).as("stderr").endsWith("\n").doesNotContain("\tat ").startsWith(command + ": ").contains(fragment);
      assertThat(err.strip().lines()).as("stderr lines").hasSize(1);
      return this;
    }
  }

  /**
   * The arguments {@code command options}, where each pair in {@code overrides} replaces an option's value
   * or adds an option.
   */
  static String[] args(List<String> command, Map<String, String> options, String... overrides) {
    Map<String, String> merged = new LinkedHashMap<>(options);
    for (int i = 0; i < overrides.length; i += 2) {
      merged.put(overrides[i], overrides[i + 1]);
    }
    List<String> args = new ArrayList<>(command);
    merged.forEach((option, value) -> args.addAll(List.of(option, value)));
    return args.toArray(String[]::new);
  }

  /** Runs {@code pet args} with an empty environment. */
  static Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs {@code pet args} with the given environment variables. */
  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PetCommand.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
