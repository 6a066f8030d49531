package org.pet.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.pet.examples.client.PetApiException;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line's error conventions, in one place: every error is one line on stderr, prefixed with
 * the command's name ({@code pet release: ...}), with a stack trace only under {@code --verbose}; the exit
 * code is {@link ExitCode#USAGE} (2) for bad usage or input ({@link ParameterException},
 * {@link UsageException}), {@link PetCommand#INTERRUPTED} (130) when the command's thread was interrupted, and
 * {@link ExitCode#SOFTWARE} (1) for everything else (a server's refusal, {@link PetApiException}; a failed
 * check, {@link FailureException}; an I/O error).
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    report(command, e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')", e);
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
    if (interrupted(e)) {
      report(command, "interrupted", e);
      return PetCommand.INTERRUPTED;
    }
    if (e instanceof UsageException) {
      report(command, e.getMessage(), e);
      return ExitCode.USAGE;
    }
    String message;
    if (e instanceof PetApiException || e instanceof FailureException) {
      message = e.getMessage();
    } else if (e instanceof UncheckedIOException unchecked) {
      message = "I/O error: " + unchecked.getMessage() + " (" + unchecked.getCause() + ")";
    } else if (e instanceof IOException) {
      message = "I/O error: " + e;
    } else {
      message = "unexpected error: " + e + " (run with --verbose for the stack trace)";
    }
    report(command, message, e);
    return ExitCode.SOFTWARE;
  }

  /** Whether the command failed because its thread was interrupted (the flag, or an InterruptedException cause). */
  private static boolean interrupted(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static void report(CommandLine command, String message, Throwable e) {
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(message));
    if (verbose(command)) {
      e.printStackTrace(err);
    }
    err.flush();
  }

  /** Joins a message's lines, so that an error is always one line. */
  static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static boolean verbose(CommandLine command) {
    return command.getCommandSpec().root().userObject() instanceof PetCommand pet && pet.verbose();
  }
}
