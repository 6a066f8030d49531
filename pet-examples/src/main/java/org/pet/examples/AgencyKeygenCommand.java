package org.pet.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pet.examples.client.AgencyKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet agency keygen}: creates an agency's Ed25519 identity in a new file ({@link AgencyKeyFile},
 * owner-only permissions) and prints the registration request an administrator sends. Never overwrites.
 */
@Command(name = "keygen",
    description = {
        "Create an agency's Ed25519 identity key in a new file (readable by its owner only) and print the "
            + "public key with the POST /v1/agencies request an administrator sends to register it.",
        "An existing file is never overwritten."})
final class AgencyKeygenCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  private CommandSpec spec;

  @Option(names = "--agency", required = true, paramLabel = "ID", description = "The agency's id, e.g. nhs-trust.")
  private String agency;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The new key file; keep it secret.")
  private Path out;

  @Override
  public Integer call() {
    if (agency.isBlank()) {
      throw new UsageException("--agency must not be blank");
    }
    if (Files.exists(out)) {
      throw new UsageException("--out: " + out + " already exists; a key file is never overwritten");
    }
    AgencyKeyFile identity = AgencyKeyFile.generate(agency.strip());
    try {
      identity.write(out);
    } catch (FileAlreadyExistsException e) {
      throw new UsageException("--out: " + out + " already exists; a key file is never overwritten", e);
    } catch (NoSuchFileException e) {
      throw new UsageException("--out: no such directory: " + out.toAbsolutePath().getParent(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    PrintWriter printed = spec.commandLine().getOut();
    printed.println("wrote the private key of agency " + identity.agency() + " to " + out + " (keep it secret)");
    printed.println("public key: " + identity.publicKeyBase64());
    printed.println("an administrator registers it with POST /v1/agencies and this body:");
    printed.println(JSON.createObjectNode().put("id", identity.agency()).put("publicKey", identity.publicKeyBase64()));
    return 0;
  }
}
