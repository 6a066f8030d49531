package org.pet.examples;

import org.pet.examples.client.PetClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --server URL} and {@code --round ID} options (a picocli mixin) of commands about one round. */
final class RoundOptions {

  @Mixin
  private ServerOption server;

  @Option(names = "--round", required = true, paramLabel = "ID", description = "The round's id.")
  private String round;

  /** The validated round id (throws {@link UsageException} otherwise). */
  String round() {
    return Inputs.pathSegment("--round", round);
  }

  ServerOption server() {
    return server;
  }

  /** A client for the server's public endpoints (validates the address; sends nothing). */
  PetClient anonymousClient() {
    return server.anonymousClient();
  }
}
