package org.pet.examples;

import org.pet.examples.client.PetClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --server URL} and {@code --session ID} options (a picocli mixin) of commands about one session. */
final class LinkageOptions {

  @Mixin
  private ServerOption server;

  @Option(names = "--session", required = true, paramLabel = "ID", description = "The linkage session's id.")
  private String session;

  /** The validated session id (throws {@link UsageException} otherwise). */
  String session() {
    return Inputs.pathSegment("--session", session);
  }

  ServerOption server() {
    return server;
  }

  /** A client for the server's public endpoints (validates the address; sends nothing). */
  PetClient anonymousClient() {
    return server.anonymousClient();
  }
}
