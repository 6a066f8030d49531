package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pet.linkage.PsiParameters;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pet linkage create} (administrator): a linkage session between two registered agencies. */
@Command(name = "create", description = {
    "Create a data linkage session between two registered agencies (administrator).",
    "The identifier party holds identifiers only; the value party holds identifiers with a whole-number value "
        + "each. With --max-value the session also sums the value party's values over the people both hold, "
        + "each person's value clamped to [0, max-value]. With --cardinality-epsilon (and --sum-epsilon) the "
        + "released size (and sum) carry discrete Laplace noise: epsilon-DP per person, epsilon being their total."})
final class LinkageCreateCommand implements Callable<Integer> {

  /** The noise options, both or none. */
  static final class NoiseOptions {
    @Option(names = "--cardinality-epsilon", required = true, description = "Epsilon spent on the size, > 0.")
    double cardinalityEpsilon;

    @Option(names = "--sum-epsilon", description = "Epsilon spent on the sum, > 0 (required with --max-value).")
    Double sumEpsilon;
  }

  @Spec
  private CommandSpec spec;

  @Mixin
  private PrecisionOption precision;

  @Mixin
  private AdminOptions admin;

  @Option(names = "--purpose", required = true, description = "Why the bodies link their data (logged publicly).")
  private String purpose;

  @Option(names = "--identifier-party", required = true, paramLabel = "AGENCY",
      description = "The agency holding identifiers only.")
  private String identifierParty;

  @Option(names = "--value-party", required = true, paramLabel = "AGENCY",
      description = "The agency holding identifiers with values.")
  private String valueParty;

  @Option(names = "--max-value", paramLabel = "N", description = "Sum the values too, each clamped to [0, N].")
  private Long maxValue;

  @Option(names = "--normalisation", defaultValue = "standard", paramLabel = "standard|exact",
      description = "How both parties normalise identifiers: standard (Unicode NFKC, whitespace removed, lower "
          + "case; the default) or exact (as written).")
  private String normalisation;

  @ArgGroup(exclusive = false)
  private NoiseOptions noise;

  @Override
  public Integer call() {
    Inputs.pathSegment("--identifier-party", identifierParty);
    Inputs.pathSegment("--value-party", valueParty);
    Inputs.require(!identifierParty.equals(valueParty), "--value-party", "an agency other than the identifier party",
        valueParty);
    if (noise != null) {
      Inputs.epsilon("--cardinality-epsilon", noise.cardinalityEpsilon);
      if (noise.sumEpsilon != null) {
        Inputs.epsilon("--sum-epsilon", noise.sumEpsilon);
      }
    }
    PsiParameters parameters;
    try {
      parameters = new PsiParameters("check", maxValue == null ? 0 : maxValue,
          noise == null ? 0 : noise.cardinalityEpsilon,
          noise == null || noise.sumEpsilon == null ? 0 : noise.sumEpsilon);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage().replace("`maxValue`", "--max-value")
          .replace("`cardinalityEpsilon`", "--cardinality-epsilon").replace("`sumEpsilon`", "--sum-epsilon"));
    }
    Inputs.require(normalisation.equals("standard") || normalisation.equals("exact"), "--normalisation",
        "standard or exact", normalisation);
    Map<String, Object> body = new LinkedHashMap<>(Map.of("purpose", purpose, "identifierParty", identifierParty,
        "valueParty", valueParty, "normalisation", normalisation));
    if (parameters.computesSum()) {
      body.put("maxValue", parameters.maxValue());
    }
    if (parameters.isNoised()) {
      body.put("noise", Map.of("cardinalityEpsilon", parameters.cardinalityEpsilon(),
          "sumEpsilon", parameters.sumEpsilon()));
    }
    JsonNode session = admin.client().post("/v1/linkage", body);
    PrintWriter out = spec.commandLine().getOut();
    out.println("linkage session " + session.path("id").asText());
    LinkageStatusCommand.printParameters(out, session, precision.numbers());
    return 0;
  }
}
