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

  @Option(names = "--ca", paramLabel = "FILE",
      description = "A PEM file of CA certificates to trust for an https:// server whose certificate a private CA "
          + "issued (besides the JDK's authorities).")
  private java.nio.file.Path ca;

  /**
   * The validated address; trusts the {@code --ca} file first, if given.
   *
   * @throws UsageException if it is not an http(s) address or the CA file cannot be used
   */
  public URI uri() {
    URI uri = Inputs.serverAddress("--server", server);
    trustCa("--ca", ca);
    return uri;
  }

  /** Makes this process's clients trust the CA certificates of {@code file}, if given. */
  static void trustCa(String option, java.nio.file.Path file) {
    if (file == null) {
      return;
    }
    Inputs.readableFile(option, file);
    try {
      PetClient.trust(file);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage(), e);
    }
  }

  /** A client for the server's public endpoints (validates the address; sends nothing). */
  public PetClient anonymousClient() {
    return PetClient.anonymous(uri());
  }
}
