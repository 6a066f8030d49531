package org.pet.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pet.vdaf.Prio3TestVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pet vdaf check-vectors FILE...}: replays test vectors in the VDAF draft's JSON format through pet's
 * Prio3 ({@link Prio3TestVectors}) and prints one line per file.
 */
@Command(name = "check-vectors",
    description = {
        "Replay VDAF test vectors (the JSON format of draft-irtf-cfrg-vdaf-20's test_vec folder) through pet's "
            + "Prio3: every operation the vector lists, from the vector's own messages, compared byte for byte; "
            + "operations the vector marks as failing must fail. The instance comes from the file name "
            + "(Prio3Count_0.json, Prio3Histogram_bad_public_share.json, ...).",
        "Prints one line per file; exit 0 only if every file reproduces, 1 if one does not, 2 for a file that "
            + "cannot be read or is not a vector."})
final class VdafCheckVectorsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Test vector files.")
  private List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allReproduced = true;
    for (Path file : files) {
      Map<String, Object> vector = read(file);
      String instance = Prio3TestVectors.instanceOf(file.getFileName().toString());
      Prio3TestVectors.Outcome outcome;
      try {
        outcome = Prio3TestVectors.replay(instance, vector);
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new UsageException(file + ": not a " + instance + " test vector: " + e.getMessage());
      }
      if (outcome.reproduced()) {
        out.printf("ok      %s: %s, %d operations reproduced%n", file, instance, outcome.operations());
      } else {
        allReproduced = false;
        out.printf("FAILED  %s: %s, %d of %d operations differ: %s%n", file, instance, outcome.failures().size(),
            outcome.operations(), String.join("; ", outcome.failures()));
      }
    }
    return allReproduced ? 0 : 1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path file) {
    Inputs.readableFile("FILE", file);
    try {
      Object value = JSON.readValue(file.toFile(), Object.class);
      if (!(value instanceof Map<?, ?> map)) {
        throw new UsageException(file + ": not a test vector (a JSON object)");
      }
      return (Map<String, Object>) map;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UsageException(file + ": not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
