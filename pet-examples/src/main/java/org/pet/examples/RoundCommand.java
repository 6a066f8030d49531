package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet round}: secure aggregation rounds, as the administrator creates and anyone follows them. */
@Command(name = "round", description = "Create and follow secure aggregation rounds.",
    subcommands = {RoundCreateCommand.class, RoundStatusCommand.class, RoundResultCommand.class})
final class RoundCommand {}
