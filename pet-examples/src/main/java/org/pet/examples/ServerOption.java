package org.pet.examples;

import java.net.URI;
import org.pet.examples.client.PetClient;
import picocli.CommandLine.Option;

/** The {@code --server URL} option (a picocli mixin) of every command that talks to a pet server. */
public final class ServerOption {

  @Option(names = "--server", required = true, paramLabel = "URL",
      description = "The pet server's address, e.g. http://localhost:8080; behind a reverse proxy at a "
          + "sub-path, the address with the path, e.g. https://gateway.example/pet.")
  private String server;

  /**
   * The validated address.
   *
   * @throws UsageException if it is not an http(s) address
   */
  public URI uri() {
    return Inputs.serverAddress("--server", server);
  }

  /** A client for the server's public endpoints (validates the address; sends nothing). */
  public PetClient anonymousClient() {
    return PetClient.anonymous(uri());
  }
}
