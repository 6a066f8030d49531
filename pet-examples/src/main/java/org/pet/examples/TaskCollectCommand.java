package org.pet.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TaskClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet task collect}: the collector asks the leader to close the open batch (all pending reports
 * prepared with the helper first) and opens the two aggregate shares with its key file.
 */
@Command(name = "collect", description = {
    "Collect the open batch of a task from its leader and open it with the collector key.",
    "Fails (the batch stays open) while it has fewer accepted reports than the task's minimum batch size."})
final class TaskCollectCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private AdminOptions admin;

  @Option(names = "--task", required = true, paramLabel = "ID", description = "The task id.")
  private String task;

  @Option(names = "--collector-key", required = true, paramLabel = "FILE",
      description = "The collector key file pet task create wrote.")
  private Path collectorKey;

  @Option(names = "--batch", paramLabel = "N", description = "Show an already collected batch again instead.")
  private Long batch;

  @Override
  public Integer call() {
    PetClient leader = admin.client();
    org.pet.vdaf.Hpke.KeyPair keys = CollectorKeyFile.read("--collector-key", collectorKey);
    Inputs.require(batch == null || batch >= 0, "--batch", ">= 0", batch);
    TaskClient.Collected collected;
    try {
      collected = batch == null ? TaskClient.collect(leader, task, keys)
          : TaskClient.open(leader.get("/v1/tasks/" + task + "/collections/" + batch), keys);
    } catch (IllegalStateException e) {
      throw new FailureException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("task %s, batch %d: %d reports aggregated, %d rejected%n", collected.task(), collected.batch(),
        collected.reportCount(), collected.rejected());
    long[] aggregate = collected.aggregate();
    if (aggregate.length == 1) {
      out.printf("aggregate: %d%n", aggregate[0]);
    } else {
      for (int i = 0; i < aggregate.length; i++) {
        out.printf("aggregate[%d]: %d%n", i, aggregate[i]);
      }
    }
    out.printf("guarantee: %s%n", collected.guarantee());
    out.flush();
    return 0;
  }
}
