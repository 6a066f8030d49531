package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retry policy with an injected sleeper and clock: no test here waits for real. */
class RetryPolicyTest {

  /** A clock that only the fake sleeper moves. */
  private static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }
  }

  private final FakeClock clock = new FakeClock();
  private final List<Duration> pauses = new ArrayList<>();
  private final RetryPolicy.Sleeper sleeper = pause -> {
    pauses.add(pause);
    clock.advance(pause);
  };

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private RetryPolicy.Builder policy() {
    return RetryPolicy.builder().sleeper(sleeper).clock(clock);
  }

  private static PetApiException refused() {
    return new PetApiException(0, "nothing listens at 127.0.0.1:1 (connection refused)",
        new ConnectException("Connection refused"));
  }

  private static PetApiException status(int status) {
    return new PetApiException(status, "POST /v1/rounds/r/keys failed: " + status, null);
  }

  @Test
  void isTransient_noAnswerAndGatewayErrors_areRetried() {
    assertThat(RetryPolicy.isTransient(refused())).isTrue();
    assertThat(RetryPolicy.isTransient(new PetApiException(0, "reset", new IOException("Connection reset")))).isTrue();
    assertThat(RetryPolicy.isTransient(new PetApiException(0, "timeout", new HttpTimeoutException("timed out"))))
        .isTrue();
    assertThat(RetryPolicy.isTransient(status(502))).isTrue();
    assertThat(RetryPolicy.isTransient(status(503))).isTrue();
    assertThat(RetryPolicy.isTransient(status(504))).isTrue();
  }

  @Test
  void isTransient_answersAndInterruptions_areFinal() {
    for (int code : new int[] {400, 401, 403, 404, 409, 413, 422, 500, 501}) {
      assertThat(RetryPolicy.isTransient(status(code))).as("status %d", code).isFalse();
    }
    assertThat(RetryPolicy.isTransient(new PetApiException(0, "interrupted", new InterruptedException()))).isFalse();
    assertThat(RetryPolicy.isTransient(new PetApiException(0, "no cause", null))).isFalse();
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    RetryPolicy defaults = RetryPolicy.defaults();
    assertThat(defaults.initialDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.giveUpAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.jitter()).isEqualTo(0.5);
    assertThat(defaults.toString()).contains("PT0.2S", "PT5S", "PT10M");
  }

  @Test
  void backoff_doublesFromTheInitialDelayUpToTheMaximum() {
    RetryPolicy policy = RetryPolicy.defaults();
    List<Long> millis = new ArrayList<>();
    for (int retry = 1; retry <= 8; retry++) {
      millis.add(policy.backoff(retry).toMillis());
    }
    assertThat(millis).containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void run_transientFailuresThenSuccess_sleepsTheBackoffsAndReturns() {
    AtomicInteger attempts = new AtomicInteger();
    String result = policy().jitter(0).build().run("GET /v1/rounds/r", () -> {
      if (attempts.incrementAndGet() <= 3) {
        throw attempts.get() == 2 ? status(503) : refused();
      }
      return "answered";
    });
    assertThat(result).isEqualTo("answered");
    assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void run_withJitter_pausesStayWithinTheJitteredRange() {
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy = policy().jitter(0.5).build();
    policy.run("GET /v1/rounds/r", () -> {
      if (attempts.incrementAndGet() <= 40) {
        throw refused();
      }
      return null;
    });
    assertThat(pauses).hasSize(40);
    for (int i = 0; i < pauses.size(); i++) {
      Duration backoff = policy.backoff(i + 1);
      assertThat(pauses.get(i)).isGreaterThan(backoff.dividedBy(2)).isLessThanOrEqualTo(backoff);
    }
  }

  @Test
  void run_aFinalAnswer_isThrownAtOnceWithoutWaiting() {
    for (int code : new int[] {400, 401, 404, 409, 500}) {
      PetApiException answer = status(code);
      AtomicInteger attempts = new AtomicInteger();
      assertThatThrownBy(() -> policy().build().run("POST /v1/rounds/r/keys", () -> {
        attempts.incrementAndGet();
        throw answer;
      })).isSameAs(answer);
      assertThat(attempts).hasValue(1);
    }
    assertThat(pauses).isEmpty();
  }

  @Test
  void run_serverNeverBack_givesUpAfterTheTotalSayingWhy() {
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy = policy().jitter(0).build();
    Instant start = clock.instant();
    assertThatThrownBy(() -> policy.run("GET /v1/rounds/r?after=keys", () -> {
      attempts.incrementAndGet();
      throw refused();
    })).isInstanceOfSatisfying(PetApiException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(RetryPolicy.isTransient(e)).as("the give-up is final").isFalse();
      assertThat(e.getMessage()).startsWith("GET /v1/rounds/r?after=keys: gave up after ")
          .contains("600.0 s", "nothing listens at 127.0.0.1:1");
    });
    // 0.2 + 0.4 + 0.8 + 1.6 + 3.2 = 6.2 s, then 5 s pauses up to 600 s: 118 of them and a last 3.8 s.
    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(10));
    assertThat(pauses).hasSize(5 + 118 + 1);
    assertThat(pauses.get(pauses.size() - 1)).isEqualTo(Duration.ofMillis(3800));
    assertThat(attempts).hasValue(pauses.size() + 1);
  }

  @Test
  void none_throwsTheFirstFailureUnchanged() {
    PetApiException failure = refused();
    assertThatThrownBy(() -> RetryPolicy.builder().giveUpAfter(Duration.ZERO).sleeper(sleeper).clock(clock).build()
        .run("GET /", () -> {
          throw failure;
        })).isSameAs(failure);
    assertThatThrownBy(() -> RetryPolicy.none().run("GET /", () -> {
      throw failure;
    })).isSameAs(failure);
    assertThat(pauses).isEmpty();
  }

  @Test
  void run_interruptedWhileWaiting_stopsWithTheFlagSet() {
    RetryPolicy policy = policy().sleeper(pause -> {
      throw new InterruptedException();
    }).build();
    assertThatThrownBy(() -> policy.run("GET /", () -> {
      throw refused();
    })).isInstanceOfSatisfying(PetApiException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).contains("interrupted");
      assertThat(RetryPolicy.isTransient(e)).isFalse();
    });
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void builder_initialDelayZero_isRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`initialDelay` must be > 0, was PT0S");
  }

  @Test
  void builder_negativeDelays_areRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`initialDelay`");
    assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`maxDelay`");
    assertThatThrownBy(() -> RetryPolicy.builder().giveUpAfter(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`giveUpAfter` must be >= 0");
  }

  @Test
  void builder_maxDelayBelowInitialDelay_isRejectedAtBuild() {
    RetryPolicy.Builder builder = RetryPolicy.builder().initialDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1));
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`maxDelay` must be >= `initialDelay`");
  }

  @Test
  void builder_jitterNaN_isRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`jitter` must be in [0, 1], was NaN");
  }

  @Test
  void builder_jitterOutsideZeroToOne_isRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_nullSleeperOrClock_isRejected() {
    assertThatThrownBy(() -> RetryPolicy.builder().sleeper(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().clock(null)).isInstanceOf(NullPointerException.class);
  }
}
