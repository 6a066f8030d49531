package org.pet.examples.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pet.examples.EmbeddedServer;
import org.pet.examples.client.AgencyKeyFile;
import org.pet.examples.client.LinkageClient;
import org.pet.examples.client.PetClient;
import org.pet.examples.client.TransparencyAudit;
import org.pet.examples.client.TransparencyLogCopy;
import org.pet.linkage.IdentifierNormalizer;
import org.pet.linkage.PsiParameters;
import org.pet.linkage.PsiRecord;
import org.pet.linkage.PsiResult;

/**
 * Scenario 5, data linkage: a council (children known to social care) and an NHS trust (children who
 * attended its A&amp;E this year, with their number of attendances) want to know how many children known
 * to social care also attended A&amp;E, and how many attendances they had in total, without exchanging NHS
 * numbers. The two bodies run a private intersection-sum-with-cardinality session ({@code org.pet.linkage},
 * after Ion et al.) through a pet server's {@code /v1/linkage} relay, each in its own thread with its own
 * {@link LinkageClient}, exactly as two separate bodies would over HTTP. The council's identifiers carry
 * spaces and the trust's do not; both are normalised before hashing, so the same child still matches.
 *
 * <p>Privacy unit: a child. After deduplication and clamping each child's attendances to
 * {@code [0, maxValue]}, one child changes the released size by at most 1 and the released sum by at most
 * {@code maxValue}; discrete Laplace noise of scale {@code 1 / cardinalityEpsilon} and
 * {@code maxValue / sumEpsilon} makes the pair {@code (cardinalityEpsilon + sumEpsilon, 0)}-DP per child
 * (see {@link PsiParameters}). Neither body sees the other's NHS numbers, and the relay sees only blinded
 * points and ciphertexts; both bodies and the relay learn the two registers' sizes. The council's software
 * does the matching and so holds the exact size in memory while it adds the noise; it never returns or
 * stores it.
 *
 * <p>Defaults: at most {@value #DEFAULT_MAX_VALUE} attendances per child, because few children attend
 * more often while the sum's noise grows with the cap; epsilon 0.5 on the size and 0.5 on the sum, 1 per
 * child in all (as child-protection and fraud-signals spend), which keeps the 95% error near ±6 children
 * and ±60 attendances against true values in the hundreds. The registers (1,000 and 4,000 children) are small because every
 * identifier costs each body P-256 work (hashing to the curve, blinding, and for the trust an ElGamal
 * encryption), about 1 ms per identifier in all once the JIT has warmed up: the linkage takes about 10 s.
 */
public final class DataLinkageScenario implements Scenario {

  static final String COUNCIL = "council-childrens-services";
  static final String TRUST = "nhs-trust";
  static final long DEFAULT_MAX_VALUE = 10;
  /** How long one body waits for the other at each step: generous, so that a busy machine never fails it. */
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

  /**
   * How to run the scenario.
   *
   * @param children the number of children known to social care (the council's register), at least 1
   * @param patients the number of children who attended A&amp;E (the trust's register), at least
   *     {@code children} and at most 100,000
   * @param maxValue the most attendances one child contributes to the sum; higher counts are clamped
   * @param cardinalityEpsilon the epsilon spent on the released size
   * @param sumEpsilon the epsilon spent on the released sum
   * @param seed the seed of the synthetic registers (the noise and the blinding keys are always secure)
   */
  public record Settings(int children, int patients, long maxValue, double cardinalityEpsilon, double sumEpsilon,
      long seed) {
    public Settings {
      if (children < 1 || children > patients) {
        throw new IllegalArgumentException("children must be in [1, patients = " + patients + "], was " + children);
      }
      if (patients > 100_000) {
        throw new IllegalArgumentException("patients must be at most 100000, was " + patients);
      }
      if (maxValue < 1 || maxValue > PsiParameters.MAX_VALUE_LIMIT) {
        throw new IllegalArgumentException("maxValue must be in [1, 2^31], was " + maxValue);
      }
      if (!(cardinalityEpsilon > 0) || Double.isInfinite(cardinalityEpsilon)) {
        throw new IllegalArgumentException("cardinalityEpsilon must be finite and > 0, was " + cardinalityEpsilon);
      }
      if (!(sumEpsilon > 0) || Double.isInfinite(sumEpsilon)) {
        throw new IllegalArgumentException("sumEpsilon must be finite and > 0, was " + sumEpsilon);
      }
    }

    /** 1,000 children known to social care, 4,000 A&amp;E patients, cap 10, epsilon 0.5 + 0.5. */
    public static Settings defaults() {
      return new Settings(1_000, 4_000, DEFAULT_MAX_VALUE, 0.5, 0.5, Scenarios.DEFAULT_SEED);
    }

    /** These settings with another seed. */
    public Settings withSeed(long seed) {
      return new Settings(children, patients, maxValue, cardinalityEpsilon, sumEpsilon, seed);
    }
  }

  /**
   * What the scenario released.
   *
   * @param children the children in both registers: truth, released size, 95% bound
   * @param attendances their attendances, each child's clamped to maxValue: truth, released sum, 95% bound
   * @param released the result both bodies received (they are checked to be the same)
   * @param unclampedAttendances the attendances of the children in both registers without the cap
   * @param aboveCap how many of those children attended more than maxValue times
   * @param epsilon the epsilon per child of the released pair (delta is 0)
   * @param logValid whether the server's transparency log verified
   * @param logEntries how many log entries were verified
   * @param resultLogged whether the log holds the session's released size and sum
   */
  public record Result(Estimate children, Estimate attendances, PsiResult released, long unclampedAttendances,
      long aboveCap, double epsilon, boolean logValid, long logEntries, boolean resultLogged) {

    /** The size and the sum, in that order. */
    public List<Estimate> estimates() {
      return List.of(children, attendances);
    }
  }

  public static void main(String[] args) throws Exception {
    Scenarios.main(new DataLinkageScenario(), args);
  }

  @Override
  public String name() {
    return "data-linkage";
  }

  @Override
  public String description() {
    return "A council and an NHS trust count children known to social care who attended A&E, and their "
        + "attendances, by private set intersection with DP noise, over HTTP.";
  }

  /** Runs the default settings (1,000 children, 4,000 patients, cap 10, epsilon 0.5 + 0.5) with this seed. */
  @Override
  public ScenarioResult run(PrintWriter out, long seed) {
    return new ScenarioResult(name(), run(Settings.defaults().withSeed(seed), out).estimates());
  }

  /** Runs the scenario end to end against a fresh embedded server and prints what happens. */
  public static Result run(Settings settings, PrintWriter out) {
    try (EmbeddedServer server = EmbeddedServer.start()) {
      return run(settings, server, out);
    }
  }

  static Result run(Settings settings, EmbeddedServer server, PrintWriter out) {
    SocialCareAndAe data = SocialCareAndAe.generate(settings.seed(), settings.children(), settings.patients());
    String spaced = data.socialCare().get(0);
    out.printf("pet scenario data-linkage (synthetic data, seed %d)%n", settings.seed());
    out.printf("Server %s (embedded H2); key pairs for both agencies generated here.%n", server.uri());
    out.printf("%s: %d children known to social care, NHS numbers with spaces (\"%s\").%n", COUNCIL,
        data.socialCare().size(), spaced);
    out.printf("%s: %d children who attended A&E this year, with their attendances, NHS numbers without "
        + "(\"%s\").%n", TRUST, data.attendances().size(), data.attendances().get(0).identifier());
    PetClient admin = server.admin();
    admin.post("/v1/agreements", Map.of("parties", List.of(COUNCIL, TRUST), "purpose",
        "count children known to social care who attended A&E this year, and their attendances, to plan early help",
        "legalBasis", "Children Act 2004 s.10; UK GDPR Art. 6(1)(e) and 9(2)(g); DPA 2018 Sch. 1 para. 18", "data",
        "blinded NHS numbers and encrypted attendance counts; only the DP-noised size and sum are released"));
    LinkageClient council = register(admin, COUNCIL);
    LinkageClient trust = register(admin, TRUST);
    Map<String, Object> body = new LinkedHashMap<>(Map.of("purpose",
        "children known to social care who attended A&E this year, and their attendances", "identifierParty", COUNCIL,
        "valueParty", TRUST, "maxValue", settings.maxValue()));
    body.put("noise", Map.of("cardinalityEpsilon", settings.cardinalityEpsilon(), "sumEpsilon",
        settings.sumEpsilon()));
    String session = admin.post("/v1/linkage", body).path("id").asText();
    out.printf("Linkage session %s:%n", session);
    out.printf("  identifier party %s (identifiers only),%n", COUNCIL);
    out.printf("  value party %s (identifiers with values, and the decryption key),%n", TRUST);
    out.printf("  each child's attendances clamped to [0, %d], discrete Laplace noise: epsilon %s on the size, %s on "
        + "the sum.%n", settings.maxValue(), settings.cardinalityEpsilon(), settings.sumEpsilon());
    out.flush();
    long started = System.nanoTime();
    PsiResult released = joinBoth(session, council, data.socialCare().stream().map(id -> new PsiRecord(id, 0))
        .toList(), trust, data.attendances());
    out.printf("Both bodies ran the four steps concurrently over HTTP in %.1f s.%n",
        (System.nanoTime() - started) / 1e9);

    List<PsiRecord> inBoth = data.inBoth();
    Estimate children = new Estimate("children in both", inBoth.size(), released.cardinality(),
        released.cardinalityHalfWidth());
    Estimate attendances = new Estimate("their A&E attendances (capped at " + settings.maxValue() + ")",
        data.attendancesInBoth(settings.maxValue()), released.sum().orElseThrow(), released.sumHalfWidth());
    out.printf("%n%-38s %8s %9s %7s   %s%n", "", "truth", "released", "error", "95% bound");
    for (Estimate estimate : List.of(children, attendances)) {
      out.printf("%-38s %8s %9s %+7.0f   %s%n", estimate.label(), Report.number(estimate.truth()),
          Report.number(estimate.released()), estimate.error(), Report.bound(estimate.bound95()));
    }
    long unclamped = inBoth.stream().mapToLong(PsiRecord::value).sum();
    long aboveCap = data.aboveCap(settings.maxValue());
    out.printf("%nClamping: %d of these children attended more than %d times (%d attendances uncapped); each of%n",
        aboveCap, settings.maxValue(), unclamped);
    out.printf("them counts %d in the sum, so no child moves it by more than %d.%n", settings.maxValue(),
        settings.maxValue());
    out.printf("Normalisation: both bodies hash identifiers after NFKC, removing whitespace and lower-casing, so%n");
    out.printf("\"%s\" matches \"%s\"; they sent %d and %d distinct identifiers.%n", spaced,
        IdentifierNormalizer.standard().normalize(spaced), released.identifierPartySize(), released.valuePartySize());
    out.printf("Privacy: epsilon %s per child (%s on the size + %s on the sum), delta 0. Neither body saw the%n",
        released.epsilon(), settings.cardinalityEpsilon(), settings.sumEpsilon());
    out.printf("other's NHS numbers and the relay saw only blinded points and ciphertexts; all three learned the%n");
    out.printf("registers' sizes.%n");

    PetClient anyone = PetClient.anonymous(server.uri());
    TransparencyAudit.Report audit = TransparencyAudit.audit(anyone, null, null);
    TransparencyLogCopy log = audit.copy();
    boolean valid = audit.valid();
    boolean logged = logsResult(log, session, released);
    out.printf("Transparency log: %d entries, %s (checked here, not by the server);%n", log.size(),
        valid ? "entries match the signed checkpoint, ledgers match the log" : "INVALID");
    out.printf("%s%n", logged ? "it records the session's purpose, epsilon and released size and sum."
        : "it does NOT record the session's released size and sum.");
    Report.withinBound(out, List.of(children, attendances), "released numbers");
    out.flush();
    return new Result(children, attendances, released, unclamped, aboveCap, released.epsilon(), valid, log.size(),
        logged);
  }

  /** Generates an agency's key pair in memory and registers its public key (administrator client). */
  private static LinkageClient register(PetClient admin, String agency) {
    AgencyKeyFile identity = AgencyKeyFile.generate(agency);
    admin.post("/v1/agencies", Map.of("id", agency, "publicKey", identity.publicKeyBase64()));
    return new LinkageClient(admin.server(), agency, identity.key());
  }

  /**
   * Runs the identifier party and the value party concurrently, one thread each; if either fails, the
   * other is interrupted.
   *
   * @return the result, which both parties must have received alike
   */
  private static PsiResult joinBoth(String session, LinkageClient identifierParty, List<PsiRecord> identifiers,
      LinkageClient valueParty, List<PsiRecord> values) {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CompletionService<PsiResult> parties = new ExecutorCompletionService<>(threads);
      parties.submit(() -> identifierParty.join(session, identifiers, step -> { }, STEP_TIMEOUT));
      parties.submit(() -> valueParty.join(session, values, step -> { }, STEP_TIMEOUT));
      List<PsiResult> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Future<PsiResult> done = parties.take();
        results.add(done.get());
      }
      if (!results.get(0).equals(results.get(1))) {
        throw new IllegalStateException("the two bodies received different results: " + results);
      }
      return results.get(0);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the bodies ran linkage session " + session, e);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Whether the log's {@code linkage-completed} entry for the session holds the released size and sum. */
  private static boolean logsResult(TransparencyLogCopy log, String session, PsiResult released) {
    for (JsonNode entry : log.toJson().path("entries")) {
      JsonNode payload = entry.path("payload");
      if (entry.path("type").asText().equals("linkage-completed") && payload.path("session").asText().equals(session)) {
        JsonNode result = payload.path("result");
        return result.path("cardinality").asLong() == released.cardinality()
            && result.path("sum").asLong() == released.sum().orElseThrow();
      }
    }
    return false;
  }
}
