package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet agency}: what an agency taking part in secure aggregation rounds does. */
@Command(name = "agency", description = "Agency identities and secure aggregation rounds.",
    subcommands = {AgencyKeygenCommand.class, AgencyRegisterCommand.class, AgencyJoinCommand.class})
final class AgencyCommand {}
