package org.pet.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code pet} command line: one executable jar, one subcommand per task. Conventions shared by every
 * subcommand ({@link CliErrors}): exit code 0 on success, 1 on failure (the server refused, a verification
 * failed, an I/O error), 2 on bad usage or input, {@value #INTERRUPTED} after an interrupt (Ctrl-C); errors are one line on stderr, with a stack trace only
 * under {@code --verbose}; input is validated before anything is sent to a server.
 */
@Command(
    name = "pet",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "pet 0.1.0-SNAPSHOT",
    description = "Privacy-enhancing technologies toolkit for public bodies.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:failure: the server refused, a verification failed, an I/O error",
        "2:bad usage or input: an invalid option, a missing file, a bad CSV row",
        "130:interrupted (Ctrl-C)"},
    subcommands = {
        DemoCommand.class,
        ServerCommand.class,
        DatasetCommand.class,
        AnalystCommand.class,
        QueryCommand.class,
        ReleaseCommand.class,
        AgencyCommand.class,
        RoundCommand.class,
        TaskCommand.class,
        LinkageCommand.class,
        LogCommand.class,
        VdafCommand.class,
        ScenarioCommand.class})
public final class PetCommand implements Runnable {

  /**
   * The exit code after an interrupt: 128 + SIGINT, what the JVM itself exits with after Ctrl-C (its shutdown
   * hooks run, then it halts with this code whatever the main thread returns); a command whose thread is
   * interrupted returns it too, so that the code is the same however the interrupt arrives.
   */
  static final int INTERRUPTED = 130;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
  private boolean verbose;

  @CommandLine.Spec
  private CommandSpec spec;

  private final Map<String, String> environment;

  private PetCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  boolean verbose() {
    return verbose;
  }

  /**
   * The environment variables the command line runs with: the process's, or those a test passed to
   * {@link #execute(Map, PrintWriter, PrintWriter, String...)}.
   */
  static Map<String, String> environment(CommandSpec anyCommand) {
    return anyCommand.root().userObject() instanceof PetCommand pet ? pet.environment : System.getenv();
  }

  /** Runs the command line with the process's environment and returns its exit code (0, 1, 2 or 130). */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(System.getenv(), out, err, args);
  }

  /** Runs the command line with the given environment variables and returns its exit code (0, 1, 2 or 130). */
  static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    CliErrors errors = new CliErrors();
    CommandLine commandLine = new CommandLine(new PetCommand(environment))
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        // An option's value is the next argument, as with getopt, even if it looks like an option: a
        // base64url key may start with "-h" or "-V".
        .setAllowOptionsAsOptionParameters(true)
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Runs the command line and exits with its code. Library logging below WARNING (database migrations,
   * say) is silenced unless {@code --verbose} is given.
   */
  public static void main(String[] args) {
    if (!List.of(args).contains("--verbose")) {
      Logger.getLogger("").setLevel(Level.WARNING);
    }
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }
}
