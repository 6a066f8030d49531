package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet round create} (administrator): a secure aggregation round among registered agencies, exact or
 * with distributed DP noise, and prints its id and public description.
 */
@Command(name = "create", description = {
    "Create a secure aggregation round among registered agencies (administrator).",
    "With --noise every agency adds a share of distributed DP noise before masking; the noise of "
        + "--min-survivors honest agencies (default: the threshold less --tolerated-colluders) meets "
        + "--epsilon/--delta for one "
        + "contributor changing the summed vector by --sensitivity (L2 for discrete-gaussian, L1 for "
        + "discrete-laplace, in the vector's integer units)."})
final class RoundCreateCommand implements Callable<Integer> {

  /** The distributed noise mechanisms, as the server names them. */
  enum Mechanism {
    DISCRETE_GAUSSIAN("discrete-gaussian"), DISCRETE_LAPLACE("discrete-laplace");

    private final String wireName;

    Mechanism(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }

  /** The distributed noise options, all or none. */
  static final class NoiseOptions {
    @Option(names = "--noise", required = true, paramLabel = "MECHANISM",
        converter = MechanismConverter.class, description = "discrete-gaussian or discrete-laplace.")
    Mechanism mechanism;

    @Option(names = "--epsilon", required = true, description = "Target epsilon, finite and > 0.")
    double epsilon;

    @Option(names = "--delta", defaultValue = "0",
        description = "Target delta, in (0, 1) for discrete-gaussian; 0 for discrete-laplace.")
    double delta;

    @Option(names = "--sensitivity", required = true,
        description = "Largest change one contributor makes to the summed vector (L2 or L1 norm), > 0.")
    double sensitivity;

    @Option(names = "--min-survivors", paramLabel = "M",
        description = "Honest agencies the noise is calibrated for (default and at most: the threshold less "
            + "--tolerated-colluders, whose noise the server may know).")
    Integer minimumSurvivors;
  }

  /** Accepts the server's hyphenated names. */
  static final class MechanismConverter implements picocli.CommandLine.ITypeConverter<Mechanism> {
    @Override
    public Mechanism convert(String value) {
      for (Mechanism mechanism : Mechanism.values()) {
        if (mechanism.wireName.equalsIgnoreCase(value) || mechanism.name().equalsIgnoreCase(value)) {
          return mechanism;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("--noise must be discrete-gaussian or "
          + "discrete-laplace, was " + value);
    }
  }

  @Spec
  private CommandSpec spec;

  @Mixin
  private AdminOptions admin;

  @Option(names = "--participants", required = true, split = ",", paramLabel = "AGENCY",
      description = "The agencies taking part, comma-separated, in share-index order.")
  private List<String> participants;

  @Option(names = "--threshold", required = true, paramLabel = "T",
      description = "How many agencies must stay to the end (choose more than half).")
  private int threshold;

  @Option(names = "--tolerated-colluders", paramLabel = "C", description = {
      "How many agencies may collude with the server without breaking the round's guarantees (default: the "
          + "largest C below n/3). The threshold must meet 2t > n + C; the noise is calibrated for t - C honest "
          + "agencies and the result reports the guarantee for the included agencies less C."})
  private Integer toleratedColluders;

  @Option(names = "--neighbours", paramLabel = "K", description = {
      "SecAgg+: each agency masks with, and shares its secrets among, only K neighbours (even, below n - 1) of a "
          + "public random graph, so the server's work grows with n K instead of n^2 (default: every other agency). "
          + "The threshold is then per neighbourhood (at most K + 1) and must exceed the tolerated colluders one "
          + "neighbourhood may hold; the noise is calibrated for the threshold less that number."})
  private Integer neighbours;

  @Option(names = "--vector-length", required = true, paramLabel = "L", description = "Values per agency.")
  private int vectorLength;

  @Option(names = "--phase-timeout", defaultValue = "300", paramLabel = "SECONDS",
      description = "How long each phase waits for slow agencies (default ${DEFAULT-VALUE}).")
  private int phaseTimeout;

  @ArgGroup(exclusive = false)
  private NoiseOptions noise;

  @Override
  public Integer call() {
    List<String> agencies = new ArrayList<>();
    for (String participant : participants) {
      agencies.add(Inputs.pathSegment("--participants", participant.strip()));
    }
    Inputs.require(agencies.size() >= 2 && agencies.stream().distinct().count() == agencies.size(),
        "--participants", "at least two distinct agencies", participants);
    Inputs.require(threshold >= 2 && threshold <= agencies.size(), "--threshold",
        "in [2, " + agencies.size() + "]", threshold);
    Inputs.atLeast("--vector-length", vectorLength, 1);
    Inputs.require(phaseTimeout >= 1 && phaseTimeout <= 604_800, "--phase-timeout", "in [1, 604800]", phaseTimeout);
    int n = agencies.size();
    int colluders = toleratedColluders != null ? toleratedColluders
        : org.pet.secagg.CollusionPolicy.defaultColluders(n);
    boolean secAggPlus = neighbours != null && neighbours < n - 1;
    int colludingHolders = colluders;
    if (secAggPlus) {
      Inputs.require(neighbours >= 2 && neighbours % 2 == 0, "--neighbours", "even and in [2, n - 1)", neighbours);
      Inputs.require(threshold <= neighbours + 1, "--threshold", "at most --neighbours + 1 = " + (neighbours + 1)
          + " (shares are held by an agency's neighbours and itself)", threshold);
      Inputs.require(colluders >= 0 && colluders < n, "--tolerated-colluders", "in [0, " + n + ")", colluders);
      colludingHolders = org.pet.secagg.SecAggPlus.neighbourhoodColluders(n, neighbours, colluders);
      if (threshold <= colludingHolders) {
        Inputs.require(false, "--threshold", "above " + colludingHolders + ", the tolerated colluders "
            + neighbours + " neighbours may hold" + recommendation(n, colluders), threshold);
      }
    } else {
      Inputs.require(colluders >= 0 && colluders < threshold, "--tolerated-colluders", "in [0, threshold)", colluders);
      int minimum = org.pet.secagg.CollusionPolicy.minimumThreshold(n, colluders, true);
      Inputs.require(threshold >= minimum, "--threshold", "at least " + minimum + " for " + n
          + " agencies and " + colluders + " tolerated colluders (2t > n + c)", threshold);
    }
    Map<String, Object> body = new LinkedHashMap<>(Map.of("participants", agencies, "threshold", threshold,
        "toleratedColluders", colluders, "vectorLength", vectorLength, "phaseTimeoutSeconds", phaseTimeout));
    if (secAggPlus) {
      body.put("neighbours", neighbours);
    }
    if (noise != null) {
      body.put("noise", noiseJson(threshold - colludingHolders));
    }
    JsonNode round = admin.client().post("/v1/rounds", body);
    PrintWriter out = spec.commandLine().getOut();
    out.println("round " + round.path("id").asText());
    out.printf("participants %s, threshold %d, tolerating %d colluders, vector length %d, phase timeout %d s%n",
        String.join(",", agencies), threshold, colluders, vectorLength, phaseTimeout);
    out.println(secAggPlus ? "SecAgg+: each agency masks with " + neighbours + " neighbours"
        : "complete graph: each agency masks with every other");
    out.println(round.path("noise").isNull() ? "exact sum (no distributed noise)" : "noise " + round.path("noise"));
    return 0;
  }

  /** SecAgg+'s recommendation for 10% dropouts, as a hint, or nothing if there is none. */
  private static String recommendation(int n, int colluders) {
    try {
      org.pet.secagg.SecAggPlus.Recommendation hint = org.pet.secagg.SecAggPlus.recommend(n, 0.1, (double) colluders / n);
      return " (for up to 10% dropouts SecAgg+ recommends --neighbours " + hint.neighbours() + " --threshold "
          + hint.threshold() + ")";
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private Map<String, Object> noiseJson(int honest) {
    Inputs.epsilon("--epsilon", noise.epsilon);
    if (noise.mechanism == Mechanism.DISCRETE_GAUSSIAN) {
      Inputs.require(noise.delta > 0 && noise.delta < 1, "--delta", "in (0, 1) for discrete-gaussian", noise.delta);
    } else {
      Inputs.require(noise.delta == 0, "--delta", "0 for discrete-laplace (pure epsilon-DP)", noise.delta);
    }
    Inputs.require(noise.sensitivity > 0 && Double.isFinite(noise.sensitivity), "--sensitivity", "finite and > 0",
        noise.sensitivity);
    Map<String, Object> json = new LinkedHashMap<>(Map.of("mechanism", noise.mechanism.toString(),
        "epsilon", noise.epsilon, "delta", noise.delta, "sensitivity", noise.sensitivity));
    if (noise.minimumSurvivors != null) {
      Inputs.require(noise.minimumSurvivors >= 1 && noise.minimumSurvivors <= honest, "--min-survivors",
          "in [1, threshold - colluders it must outnumber = " + honest + "]", noise.minimumSurvivors);
      json.put("minimumSurvivors", noise.minimumSurvivors);
    }
    return json;
  }
}
