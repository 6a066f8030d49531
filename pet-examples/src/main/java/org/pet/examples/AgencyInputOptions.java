package org.pet.examples;

import java.nio.file.Path;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.csv.CsvFile;
import picocli.CommandLine.Option;

/**
 * The {@code --key FILE} and {@code --input FILE} options (a picocli mixin) of the commands an agency runs
 * on its own data: its identity and its CSV file, both checked before anything is sent.
 */
final class AgencyInputOptions {

  @Option(names = "--key", required = true, paramLabel = "FILE",
      description = "This agency's key file (from pet agency keygen).")
  private Path keyFile;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
  private Path input;

  /** The agency's identity (throws {@link UsageException} for a missing or malformed key file). */
  AgencyKeyFile identity() {
    return Inputs.agencyKey("--key", keyFile);
  }

  /** The parsed CSV file (throws {@link UsageException} for a missing file or a malformed row). */
  CsvFile csv() {
    return CsvFile.read("--input", Inputs.readableFile("--input", input));
  }

  Path input() {
    return input;
  }
}
