package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet log}: the public transparency log. */
@Command(name = "log", description = "Work with a pet server's public transparency log.",
    subcommands = LogVerifyCommand.class)
final class LogCommand {}
