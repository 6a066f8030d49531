package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TransparencyAudit;
import org.pet.examples.client.TransparencyLogCopy;
import org.pet.transparency.LogVerification;
import org.pet.transparency.SignedCheckpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet log verify}: checks a server's transparency log locally ({@link TransparencyAudit}) - the
 * signed checkpoint, every entry against it, consistency with the checkpoint saved by an earlier run, and
 * every budget ledger against the log's charges - or verifies an exported copy.
 */
@Command(name = "verify",
    description = {
        "Verify a pet server's transparency log locally, without trusting the server: the latest signed "
            + "checkpoint, every entry against its Merkle root, every budget ledger against the charges the "
            + "log records, and - with --checkpoint - that the log extends the one you saw last time.",
        "Exit 1 names what was found: an edited or deleted entry, a log that shrank or forked, a ledger that "
            + "disagrees, or a different signing key."})
final class LogVerifyCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the log comes from: exactly one of the two. */
  static final class Source {
    @Option(names = "--server", paramLabel = "URL", description = "Fetch the log from this pet server.")
    String server;

    @Option(names = "--file", paramLabel = "FILE",
        description = "Verify an exported copy (written by --save; needs --key).")
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

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "With --server: the checkpoint saved by an earlier run, if the file exists - the log must "
          + "extend it, signed by the same key - and where the new checkpoint is saved once the log verifies.")
  private Path checkpointFile;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "With --server: a PEM file of CA certificates to trust for an https:// server a private CA "
          + "certified.")
  private Path ca;

  @Option(names = "--save", paramLabel = "FILE", description = "With --server: also write the fetched log here "
      + "(a copy --file can verify later).")
  private Path save;

  @Override
  public Integer call() {
    byte[] pinned = key == null ? null : decodeKey(key);
    if (source.file != null) {
      if (pinned == null) {
        throw new UsageException("--file needs --key: the server's public key to verify the checkpoint with");
      }
      if (save != null || checkpointFile != null) {
        throw new UsageException("--save and --checkpoint apply to --server only");
      }
      return verifyFile(pinned);
    }
    if (save != null) {
      Inputs.outputFile("--save", save);
    }
    if (checkpointFile != null) {
      Inputs.outputFile("--checkpoint", checkpointFile);
    }
    TransparencyAudit.Saved saved = checkpointFile != null && Files.exists(checkpointFile) ? readSaved(checkpointFile)
        : null;
    URI address = Inputs.serverAddress("--server", source.server);
    ServerOption.trustCa("--ca", ca);
    PetClient client = PetClient.anonymous(address);
    TransparencyAudit.Report report = TransparencyAudit.audit(client, pinned, saved);
    if (save != null) {
      write(save, report.copy().toJson());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!report.valid()) {
      report.problems().forEach(problem -> out.printf("problem: %s%n", problem));
      out.flush();
      throw new FailureException("the transparency log of " + source.server + " failed verification: "
          + report.problems().get(0) + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1)
              + " more problems above)" : ""));
    }
    SignedCheckpoint checkpoint = report.copy().checkpoint();
    out.printf("transparency log of %s: valid%n", source.server);
    printCheckpoint(out, checkpoint, report.copy().size(), report.serverKey());
    out.printf("ledgers checked against the log's charges: %d%n", report.ledgers());
    if (checkpointFile != null) {
      out.printf("saved checkpoint: %s%n", saved == null ? "none before; saved to " + checkpointFile
          : "the log extends the one of " + saved.checkpoint().checkpoint().treeSize() + " entries; "
              + checkpointFile + " updated");
      writeSaved(checkpointFile, report.serverKey(), checkpoint);
    }
    return 0;
  }

  private int verifyFile(byte[] pinned) {
    TransparencyLogCopy log = readDump(source.file);
    LogVerification.Result result = log.verify(pinned);
    if (!result.valid()) {
      throw new FailureException("the copy in " + source.file + " failed verification: " + result.problem());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("transparency log copy %s: valid%n", source.file);
    printCheckpoint(out, log.checkpoint(), log.size(), pinned);
    return 0;
  }

  private static void printCheckpoint(PrintWriter out, SignedCheckpoint checkpoint, int entries, byte[] key) {
    out.printf("entries checked: %d%n", entries);
    out.printf("root hash: %s%n", HexFormat.of().formatHex(checkpoint.checkpoint().rootHash()));
    out.printf("checkpoint: %s, signed %s%n", checkpoint.checkpoint().origin(), checkpoint.checkpoint().timestamp());
    out.printf("server key: %s%n", encode(key));
  }

  private static byte[] decodeKey(String base64url) {
    try {
      return TransparencyLogCopy.decodeKey(base64url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--key: " + e.getMessage());
    }
  }

  private static JsonNode readJson(String option, Path file) {
    Inputs.readableFile(option, file);
    try {
      return JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UsageException(option + ": " + file + ": not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static TransparencyLogCopy readDump(Path file) {
    try {
      return TransparencyLogCopy.fromJson(readJson("--file", file));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--file: " + file + ": " + e.getMessage());
    }
  }

  /** The checkpoint file: {@code {"publicKey": base64url, "checkpoint": signed note}}. */
  private static TransparencyAudit.Saved readSaved(Path file) {
    JsonNode json = readJson("--checkpoint", file);
    try {
      byte[] publicKey = TransparencyLogCopy.decodeKey(json.path("publicKey").asText(""));
      return new TransparencyAudit.Saved(publicKey, SignedCheckpoint.parse(json.path("checkpoint").asText("")));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--checkpoint: " + file + " is not a saved checkpoint (" + e.getMessage() + ")");
    }
  }

  private static void writeSaved(Path file, byte[] key, SignedCheckpoint checkpoint) {
    ObjectNode json = JSON.createObjectNode().put("publicKey", encode(key)).put("checkpoint", checkpoint.note());
    write(file, json);
  }

  /** Writes atomically: a crash leaves the old file or the new one, never half of either. */
  private static void write(Path file, JsonNode json) {
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), json);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String encode(byte[] key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
