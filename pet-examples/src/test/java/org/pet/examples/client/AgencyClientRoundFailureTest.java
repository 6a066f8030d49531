package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pet.examples.EmbeddedServer;

/**
 * A round that fails tells its agencies which phase failed, when and who had not answered - a waiting
 * agency and one that arrives too late alike, in one line without JSON. The failure is made without a
 * deadline: too few agencies answer, and the administrator closes the phase (as its deadline would).
 */
class AgencyClientRoundFailureTest {

  private static final List<String> AGENCIES = List.of("council", "nhs-trust", "police");

  private EmbeddedServer server;
  private AgencyPool pool;

  @BeforeEach
  void start() {
    server = EmbeddedServer.start();
    pool = AgencyPool.register(server.admin(), AGENCIES);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void join_phaseClosedWithTooFewAnswers_throwsRoundFailedExceptionNamingPhaseTimeAndMissing() throws Exception {
    String round = pool.createRound(3, 2, null);
    long[] input = {1, 2};
    pool.agency("council").join(round, input, AgencyClient.Phase.KEYS, phase -> { });
    CompletableFuture<Void> keysSent = new CompletableFuture<>();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<AgencyClient.Outcome> waiting = thread.submit(() -> pool.agency("nhs-trust").join(round, input, null,
          phase -> keysSent.complete(null)));
      keysSent.get();
      server.admin().post("/v1/rounds/" + round + "/close-phase", Map.of());

      ExecutionException thrown = catchThrowableOfType(ExecutionException.class, waiting::get);
      assertThat(thrown).as("the waiting agency's join").isNotNull();
      assertThat(thrown.getCause()).isInstanceOf(RoundFailedException.class);
      RoundFailedException failure = (RoundFailedException) thrown.getCause();
      RoundStatus status = AgencyClient.status(server.admin(), round);
      assertThat(failure.phase()).isEqualTo("keys");
      assertThat(failure.missing()).containsExactly("police");
      assertThat(failure.failedAt()).isNotNull().isEqualTo(status.failedAt());
      assertThat(failure.getMessage()).isEqualTo(status.failureLine())
          .startsWith("round " + round + " failed in phase keys at " + RoundStatus.localTime(status.failedAt()) + ": ")
          .contains("fewer than the threshold 3").endsWith("; no answer from police")
          .doesNotContain("{", "Exception", "phase keys failed");

      // An agency that arrives after the round failed learns the same, not "409 the round is over".
      assertThatThrownBy(() -> pool.agency("police").join(round, input)).isInstanceOf(RoundFailedException.class)
          .hasMessage(failure.getMessage());
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void run_withDropouts_closesTheSkippedPhaseOnceTheSurvivorsAnswered() {
    // A week-long phase deadline: the round can only complete if nobody waits for it.
    String round = pool.createRound(2, 2, 604_800, null);
    AgencyClient.Outcome outcome = pool.run(round, Map.of("council", new long[] {1, 2}, "nhs-trust",
        new long[] {10, 20}, "police", new long[] {100, 200}), 1);
    assertThat(outcome.included()).containsExactly("council", "nhs-trust");
    assertThat(outcome.sum()).containsExactly(11, 22);
    assertThat(outcome.errorBound95()).isEmpty();
    assertThat(AgencyClient.status(server.admin(), round).completed()).isTrue();
  }
}
