package org.pet.examples;

import picocli.CommandLine.Command;

/** {@code pet task}: two-aggregator Prio3 tasks, as the administrators create and the collector collects them. */
@Command(name = "task", description = "Create and collect two-aggregator Prio3 tasks (leader and helper servers).",
    subcommands = {TaskCreateCommand.class, TaskCollectCommand.class})
final class TaskCommand {}
