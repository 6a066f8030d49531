package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pet vdaf check-vectors}: one line per file, exit 0 only if all reproduce, 1 if not, 2 for bad files. */
class VdafCheckVectorsCommandTest {

  /** The draft's vectors, kept in pet-core's test resources. */
  private static final Path VECTORS = Path.of("..", "pet-core", "src", "test", "resources", "vdaf");

  @TempDir
  Path directory;

  private static List<String> prio3Vectors() throws IOException {
    try (Stream<Path> files = Files.list(VECTORS)) {
      return files.map(Path::toString).filter(name -> name.contains("Prio3")).sorted().toList();
    }
  }

  @Test
  void everyDraftVector_reproduces_oneLineEach() throws IOException {
    List<String> files = prio3Vectors();
    assertThat(files).hasSize(7);
    List<String> args = new ArrayList<>(List.of("vdaf", "check-vectors"));
    args.addAll(files);
    Cli.Result result = Cli.run(args.toArray(String[]::new)).succeeded();
    assertThat(result.out().lines()).hasSize(7).allSatisfy(line -> assertThat(line).startsWith("ok ")
        .contains("operations reproduced"));
    assertThat(result.out()).contains("Prio3Histogram_bad_public_share.json: Prio3Histogram");
  }

  @Test
  void aVectorWithAChangedExpectation_failsWithExit1_andTheOthersAreStillChecked() throws IOException {
    Path good = VECTORS.resolve("Prio3Sum_0.json");
    Path changed = directory.resolve("Prio3Sum_changed.json");
    Files.writeString(changed, Files.readString(good).replace("\"agg_result\": 100", "\"agg_result\": 101"));
    assertThat(Files.readString(changed)).contains("\"agg_result\": 101");
    Cli.Result result = Cli.run("vdaf", "check-vectors", changed.toString(), good.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).hasSize(2);
    assertThat(result.out()).contains("FAILED  " + changed, "unshard: aggregate result 100 differs", "ok      " + good);
  }

  @Test
  void unreadableOrForeignFiles_areUsageErrors() throws IOException {
    Path notJson = directory.resolve("Prio3Count_x.json");
    Files.writeString(notJson, "not json");
    Cli.run("vdaf", "check-vectors", notJson.toString()).failed(2, "pet vdaf check-vectors", "not JSON");
    Cli.run("vdaf", "check-vectors", directory.resolve("missing.json").toString())
        .failed(2, "pet vdaf check-vectors", "missing.json");
    Cli.run("vdaf", "check-vectors", VECTORS.resolve("XofTurboShake128.json").toString())
        .failed(2, "pet vdaf check-vectors", "not a XofTurboShake128 test vector");
  }
}
