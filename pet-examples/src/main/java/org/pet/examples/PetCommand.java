package org.pet.examples;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pet} command line: one executable jar, one subcommand per task. */
@Command(
    name = "pet",
    mixinStandardHelpOptions = true,
    version = "pet 0.1.0-SNAPSHOT",
    description = "Privacy-enhancing technologies toolkit for public bodies.",
    subcommands = {DemoCommand.class})
public final class PetCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 bad usage). */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new PetCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }
}
