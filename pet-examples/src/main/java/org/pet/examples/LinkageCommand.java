package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet linkage}: data linkage sessions (private intersection size and sum) between two agencies. */
@Command(name = "linkage", description = {
    "Count (and sum over) the people two bodies both hold, without either seeing the other's identifiers.",
    "Private intersection-sum-with-cardinality (Ion et al. 2020) relayed by the pet server."},
    subcommands = {LinkageCreateCommand.class, LinkageJoinCommand.class, LinkageStatusCommand.class})
final class LinkageCommand {}
