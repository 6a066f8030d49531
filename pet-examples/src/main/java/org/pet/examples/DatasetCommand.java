package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet dataset}: datasets of a pet server's DP query service. */
@Command(name = "dataset", description = "Datasets of a pet server's DP query service.",
    subcommands = DatasetRegisterCommand.class)
final class DatasetCommand {}
