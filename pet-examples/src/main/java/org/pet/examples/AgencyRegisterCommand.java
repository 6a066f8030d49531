package org.pet.examples;

import java.util.Map;
import java.util.concurrent.Callable;
import org.pet.examples.client.TransparencyLogCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pet agency register} (administrator): registers an agency's public key, as keygen printed it. */
@Command(name = "register", description = "Register an agency's Ed25519 public key with the server (administrator).")
final class AgencyRegisterCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private AdminOptions admin;

  @Option(names = "--agency", required = true, paramLabel = "ID", description = "The agency's id.")
  private String agency;

  @Option(names = "--public-key", required = true, paramLabel = "BASE64URL",
      description = "The public key pet agency keygen printed (never the key file itself).")
  private String publicKey;

  @Override
  public Integer call() {
    String id = Inputs.pathSegment("--agency", agency);
    try {
      TransparencyLogCopy.decodeKey(publicKey);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--public-key: " + e.getMessage());
    }
    admin.client().post("/v1/agencies", Map.of("id", id, "publicKey", publicKey.strip()));
    spec.commandLine().getOut().println("registered agency " + id);
    return 0;
  }
}
