package org.pet.examples.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.pet.dp.BoundedMean;
import org.pet.dp.BoundedSum;
import org.pet.dp.BoundedVariance;
import org.pet.dp.Count;
import org.pet.dp.utility.ErrorPrediction;
import org.pet.dp.utility.PredictedError;
import org.pet.examples.EmbeddedServer;
import org.pet.examples.client.DatasetBudget;
import org.pet.examples.client.DatasetRegistration;
import org.pet.examples.client.DpQueryRequest;
import org.pet.examples.client.DpQueryRequest.Type;
import org.pet.examples.client.PetApiException;
import org.pet.examples.client.QueryServiceClient;

/**
 * Scenario 3, a secure access point: a department registers a (synthetic) register of benefit claims on
 * an embedded pet server (H2 in a temporary directory, a free port) with a total privacy budget; a
 * researcher asks DP questions over HTTP until the budget runs out and the server refuses (403). Every
 * answer is printed beside the truth and the error {@link ErrorPrediction} predicted before asking.
 *
 * <p>The server's noise is secure (not seeded); the seed only shapes the synthetic data.
 */
public final class AccessPointScenario implements Scenario {

  static final int CLAIMANTS = 4000;
  static final double BUDGET_EPSILON = 2.0;
  private static final double MAX_WEEKLY_AMOUNT = 600;
  private static final double MIN_AGE = 16;
  private static final double MAX_AGE = 90;
  private static final String ROW = "%-34s %7s %11s %11s %10s %10s%n";

  /** Error bounds are 95% bounds. */
  private static final double ALPHA = 0.05;

  /**
   * What the researcher saw.
   *
   * @param result every answer beside the truth and its predicted 95% bound
   * @param refusalStatus the HTTP status of the refused question (403 when the budget ran out)
   * @param refusal the server's reason
   * @param finalBudget the dataset's budget at the end
   */
  public record Outcome(ScenarioResult result, int refusalStatus, String refusal, DatasetBudget finalBudget) {}

  /** A question: what is asked and how its answer reads as estimates. */
  private record Question(String text, DpQueryRequest request, Function<JsonNode, List<Estimate>> estimates) {}

  @Override
  public String name() {
    return "access-point";
  }

  @Override
  public String description() {
    return "A researcher asks DP questions of a registered dataset of benefit claims until the budget runs out.";
  }

  @Override
  public ScenarioResult run(PrintWriter out, long seed) {
    return play(out, seed).result();
  }

  /** Runs the scenario and returns everything the researcher saw. */
  public Outcome play(PrintWriter out, long seed) {
    BenefitClaims data = BenefitClaims.generate(seed, CLAIMANTS);
    try (EmbeddedServer server = EmbeddedServer.start()) {
      QueryServiceClient service = new QueryServiceClient(server.admin());
      out.printf("Secure access point (synthetic benefit claims, seed %d): a pet server at %s%n", seed, server.uri());
      String dataset = service.register(DatasetRegistration.upload("benefit claims (synthetic)", "claimant",
          data.toCsv(), BUDGET_EPSILON, 0)).path("id").asText();
      out.printf("Registered dataset %s: %d claims, one per claimant; total budget epsilon %s%n%n", dataset,
          CLAIMANTS, BUDGET_EPSILON);
      out.printf(ROW, "question", "epsilon", "truth", "answer", "error", "95% bound");
      List<Estimate> estimates = new ArrayList<>();
      for (Question question : questions(data)) {
        JsonNode answer;
        try {
          answer = service.query(dataset, question.request());
        } catch (PetApiException refused) {
          out.printf("%nRefused: %s (epsilon %s)%n  %s%n", question.text(), question.request().epsilon(),
              refused.getMessage());
          DatasetBudget budget = service.budget(dataset);
          out.printf("Final budget: %s%n", budget.describe());
          Report.withinBound(out, estimates, "answers");
          return new Outcome(new ScenarioResult(name(), estimates), refused.status(), refused.getMessage(), budget);
        }
        for (Estimate estimate : question.estimates().apply(answer)) {
          out.printf(ROW, estimate.label(), question.request().epsilon(), Report.number(estimate.truth()),
              Report.number(estimate.released()), Report.number(estimate.error()), Report.bound(estimate.bound95()));
          estimates.add(estimate);
        }
      }
      throw new IllegalStateException("the budget never ran out: every question was answered");
    }
  }

  /** The researcher's questions, in order: the last does not fit what the others leave of the budget. */
  private List<Question> questions(BenefitClaims data) {
    double[] amounts = data.weeklyAmounts();
    double[] ages = data.ages();
    List<Question> questions = new ArrayList<>();
    double countEpsilon = 0.2;
    questions.add(scalar("number of claimants", DpQueryRequest.count(countEpsilon), CLAIMANTS,
        ErrorPrediction.count(Count.builder().epsilon(countEpsilon).build().parameters(), ALPHA)));
    DpQueryRequest mean = DpQueryRequest.bounded(Type.MEAN, "weekly_amount", 0, MAX_WEEKLY_AMOUNT, 0.4);
    questions.add(scalar("mean weekly amount (GBP)", mean, mean(amounts), ErrorPrediction.boundedMean(
        BoundedMean.builder().epsilon(mean.epsilon()).lower(0).upper(MAX_WEEKLY_AMOUNT).build().parameters(),
        CLAIMANTS, mean(amounts), ALPHA)));
    DpQueryRequest sum = DpQueryRequest.bounded(Type.SUM, "weekly_amount", 0, MAX_WEEKLY_AMOUNT, 0.3);
    questions.add(scalar("total paid per week (GBP)", sum, Arrays.stream(amounts).sum(), ErrorPrediction.boundedSum(
        BoundedSum.builder().epsilon(sum.epsilon()).lower(0).upper(MAX_WEEKLY_AMOUNT).build().parameters(), ALPHA)));
    DpQueryRequest variance = DpQueryRequest.bounded(Type.VARIANCE, "age", MIN_AGE, MAX_AGE, 0.4);
    questions.add(scalar("variance of age (years^2)", variance, variance(ages), ErrorPrediction.boundedVariance(
        BoundedVariance.builder().epsilon(variance.epsilon()).lower(MIN_AGE).upper(MAX_AGE).build().parameters(),
        CLAIMANTS, mean(ages), variance(ages), ALPHA)));
    DpQueryRequest histogram = DpQueryRequest.histogram("region", BenefitClaims.REGIONS, 0.5, 0);
    // With public keys and no value bounds, each region's count is a count with the histogram's whole epsilon.
    PredictedError perRegion =
        ErrorPrediction.count(Count.builder().epsilon(histogram.epsilon()).build().parameters(), ALPHA);
    questions.add(new Question("claimants per region", histogram, answer -> BenefitClaims.REGIONS.stream()
        .map(region -> estimate("claimants in " + region, data.inRegion(region),
            answer.path("groups").path(region).asDouble(), perRegion))
        .toList()));
    DpQueryRequest meanAge = DpQueryRequest.bounded(Type.MEAN, "age", MIN_AGE, MAX_AGE, 0.5);
    questions.add(new Question("mean age (years)", meanAge, answer -> {
      throw new IllegalStateException("the last question should have been refused");
    }));
    return questions;
  }

  private Question scalar(String text, DpQueryRequest request, double truth, PredictedError predicted) {
    return new Question(text, request,
        answer -> List.of(estimate(text, truth, answer.path("value").asDouble(), predicted)));
  }

  private Estimate estimate(String label, double truth, double released, PredictedError predicted) {
    return new Estimate(label, truth, released, predicted.confidenceHalfWidth());
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** The population variance, as {@link BoundedVariance} estimates it. */
  private static double variance(double[] values) {
    double mean = mean(values);
    return Arrays.stream(values).map(x -> (x - mean) * (x - mean)).sum() / values.length;
  }

  public static void main(String[] args) throws Exception {
    Scenarios.main(new AccessPointScenario(), args);
  }
}
