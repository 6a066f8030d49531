package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet agency}: what an agency taking part in secure aggregation rounds does. */
@Command(name = "agency", description = "Agency identities, secure aggregation rounds and two-aggregator task reports.",
    subcommands = {AgencyKeygenCommand.class, AgencyRegisterCommand.class, AgencyJoinCommand.class,
        AgencySubmitCommand.class})
final class AgencyCommand {}
