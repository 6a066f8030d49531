package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet vdaf}: verifiable distributed aggregation functions (Prio3). */
@Command(name = "vdaf", description = "Verifiable distributed aggregation functions (Prio3, draft-irtf-cfrg-vdaf-20).",
    subcommands = VdafCheckVectorsCommand.class)
final class VdafCommand {}
