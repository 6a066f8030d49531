package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TransparencyLogCopy;
import org.pet.transparency.TransparencyLog;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet log verify}: fetches a server's whole transparency log (or reads an exported copy) and
 * verifies the hash chain and every signature locally ({@link TransparencyLogCopy}).
 */
@Command(name = "verify",
    description = {
        "Verify a pet server's transparency log locally: every entry's index, hash chain and Ed25519 signature.",
        "The server's /verify endpoint is not used. Pin the server's key with --key: without it the key is "
            + "fetched from the same server, which proves the log consistent but not that it is the log you "
            + "saw before."})
final class LogVerifyCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the log comes from: exactly one of the two. */
  static final class Source {
    @Option(names = "--server", paramLabel = "URL", description = "Fetch the log from this pet server.")
    String server;

    @Option(names = "--file", paramLabel = "FILE",
        description = "Verify an exported copy: the JSON of a log page, {\"entries\": [...]} (needs --key).")
    Path file;
  }

  @Spec
  private CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  @Option(names = "--key", paramLabel = "BASE64URL",
      description = "The server's Ed25519 public key, as GET /v1/transparency/key gives it. Required with "
          + "--file; with --server, the verification fails if the server's key differs.")
  private String key;

  @Option(names = "--save", paramLabel = "FILE", description = "With --server: also write the fetched log here "
      + "(a copy --file can verify later).")
  private Path save;

  @Override
  public Integer call() {
    byte[] pinned = key == null ? null : decodeKey(key);
    PrintWriter out = spec.commandLine().getOut();
    TransparencyLogCopy log;
    byte[] serverKey;
    String origin;
    if (source.file != null) {
      if (pinned == null) {
        throw new UsageException("--file needs --key: the server's public key to verify the signatures with");
      }
      if (save != null) {
        throw new UsageException("--save applies to --server only");
      }
      log = readDump(source.file);
      serverKey = pinned;
      origin = source.file.toString();
    } else {
      PetClient client = PetClient.anonymous(Inputs.serverAddress("--server", source.server));
      serverKey = TransparencyLogCopy.fetchServerKey(client);
      if (pinned != null && !java.security.MessageDigest.isEqual(pinned, serverKey)) {
        throw new FailureException("the server's key " + encode(serverKey) + " is not the --key given");
      }
      log = TransparencyLogCopy.fetch(client);
      origin = source.server;
      if (save != null) {
        write(save, log);
      }
    }
    TransparencyLog.Verification result = log.verify(serverKey);
    if (!result.valid()) {
      out.printf("entries checked: %d of %d%n", result.firstInvalidIndex(), log.size());
      throw new FailureException("the log is invalid at entry " + result.firstInvalidIndex() + ": " + result.reason());
    }
    out.printf("transparency log of %s: valid%n", origin);
    out.printf("entries checked: %d%n", log.size());
    out.printf("head hash: %s%n", log.headHash().orElse("none (the log is empty)"));
    out.printf("server key: %s%n", encode(serverKey));
    return 0;
  }

  private static byte[] decodeKey(String base64url) {
    try {
      return TransparencyLogCopy.decodeKey(base64url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--key: " + e.getMessage());
    }
  }

  private static TransparencyLogCopy readDump(Path file) {
    Inputs.readableFile("--file", file);
    JsonNode dump;
    try {
      dump = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UsageException(file + ": not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      return TransparencyLogCopy.fromJson(dump);
    } catch (IllegalArgumentException e) {
      throw new UsageException(file + ": " + e.getMessage());
    }
  }

  private static void write(Path file, TransparencyLogCopy log) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), log.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String encode(byte[] key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
