package org.pet.examples.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How a client rides out a pet server that is briefly unreachable - restarting after a crash or an
 * upgrade, say. A request that gets no answer (connection refused or reset, a timeout) or a 502, 503 or 504
 * is sent again after a pause that starts at {@link #initialDelay()}, doubles after each failure up to
 * {@link #maxDelay()}, and is shortened by a random fraction of at most {@link #jitter()} (so that many
 * agencies do not come back in step); it is sent until it is answered, or until {@link #giveUpAfter()} has
 * passed since its first failure. Any other answer - 4xx, 500 - is final at once: sending the same request
 * again cannot change it.
 *
 * <p>A retried request may have been carried out the first time (its answer was lost), so the caller must
 * make it safe to repeat; {@link AgencyClient} does so by reading the round's stored state. Each retry is
 * logged at WARNING (shown by the {@code pet} command line) by the {@code System.Logger}
 * {@code org.pet.examples.client.RetryPolicy}, naming the method, the path and the reason - never a
 * request body, a signature or a token.
 *
 * <p>Immutable and thread-safe, provided its {@link Sleeper} and {@link Clock} are.
 */
public final class RetryPolicy {

  /** Waits between attempts; tests give one that records the pause (and moves a fake clock) instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(5);
  public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(10);
  public static final double DEFAULT_JITTER = 0.5;

  private static final System.Logger LOG = System.getLogger(RetryPolicy.class.getName());
  private static final Sleeper THREAD_SLEEP = pause -> Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Duration giveUpAfter;
  private final double jitter;
  private final Sleeper sleeper;
  private final Clock clock;

  private RetryPolicy(Builder builder) {
    this.initialDelay = builder.initialDelay;
    this.maxDelay = builder.maxDelay;
    this.giveUpAfter = builder.giveUpAfter;
    this.jitter = builder.jitter;
    this.sleeper = builder.sleeper;
    this.clock = builder.clock;
  }

  /** 0.2 s doubling to 5 s, jitter 0.5, giving up after 10 minutes; real time. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** Never retries: the first failure is final (the behaviour before retries existed). */
  public static RetryPolicy none() {
    return builder().giveUpAfter(Duration.ZERO).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RetryPolicy}; each setter checks its argument at once. */
  public static final class Builder {
    private Duration initialDelay = DEFAULT_INITIAL_DELAY;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private Duration giveUpAfter = DEFAULT_GIVE_UP_AFTER;
    private double jitter = DEFAULT_JITTER;
    private Sleeper sleeper = THREAD_SLEEP;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The first pause. @throws IllegalArgumentException unless > 0 */
    public Builder initialDelay(Duration delay) {
      this.initialDelay = positive("initialDelay", delay);
      return this;
    }

    /** The longest pause. @throws IllegalArgumentException unless > 0 */
    public Builder maxDelay(Duration delay) {
      this.maxDelay = positive("maxDelay", delay);
      return this;
    }

    /**
     * How long after its first failure a request is abandoned; zero never retries.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder giveUpAfter(Duration total) {
      Objects.requireNonNull(total, "giveUpAfter");
      if (total.isNegative()) {
        throw new IllegalArgumentException("`giveUpAfter` must be >= 0, was " + total);
      }
      this.giveUpAfter = total;
      return this;
    }

    /**
     * The largest fraction by which a pause is randomly shortened: 0 for exact pauses, 1 for pauses anywhere
     * in (0, backoff].
     *
     * @throws IllegalArgumentException unless in [0, 1]
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("`jitter` must be in [0, 1], was " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /** What waits between attempts (default: {@link Thread#sleep}). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The clock that measures time since the first failure (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** @throws IllegalArgumentException if {@code maxDelay} is shorter than {@code initialDelay} */
    public RetryPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("`maxDelay` must be >= `initialDelay` (" + initialDelay + "), was "
            + maxDelay);
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("`" + name + "` must be > 0, was " + value);
      }
      return value;
    }
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public Duration giveUpAfter() {
    return giveUpAfter;
  }

  public double jitter() {
    return jitter;
  }

  /**
   * The pause before retry {@code retry} (1 for the first), before jitter: {@code initialDelay * 2^(retry-1)},
   * at most {@code maxDelay}.
   *
   * @throws IllegalArgumentException if {@code retry < 1}
   */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("`retry` must be >= 1, was " + retry);
    }
    Duration pause = initialDelay;
    for (int i = 1; i < retry && pause.compareTo(maxDelay) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxDelay) < 0 ? pause : maxDelay;
  }

  /**
   * Whether sending the same request again might succeed: there was no answer (the server refused or reset
   * the connection, or did not answer in time - but not an interruption of this thread), or the answer was
   * 502, 503 or 504 (a proxy in front of a stopped server, or a server not ready yet).
   */
  public static boolean isTransient(PetApiException e) {
    return switch (e.status()) {
      case 0 -> e.getCause() instanceof IOException;
      case 502, 503, 504 -> true;
      default -> false;
    };
  }

  /**
   * Runs {@code attempt} until it returns, retrying after {@linkplain #isTransient transient} failures as this
   * policy says.
   *
   * @param operation what is attempted, for the log ({@code "GET /v1/rounds/ID"}): no secrets
   * @throws PetApiException the first failure that is not transient; or, once the give-up time has passed, one
   *     (status of the last failure, not transient itself) saying how long it tried and why it failed; or,
   *     if the thread is interrupted while waiting, one with status 0 (the interrupt flag is set again)
   */
  <T> T run(String operation, Supplier<T> attempt) {
    Instant firstFailure = null;
    int retries = 0;
    while (true) {
      try {
        return attempt.get();
      } catch (PetApiException e) {
        if (!isTransient(e)) {
          throw e;
        }
        Instant now = clock.instant();
        firstFailure = firstFailure == null ? now : firstFailure;
        Duration tried = Duration.between(firstFailure, now);
        Duration left = giveUpAfter.minus(tried);
        if (left.isNegative() || left.isZero()) {
          if (retries == 0) {
            throw e;
          }
          throw new PetApiException(e.status(), operation + ": gave up after " + retries + " retries in "
              + seconds(tried) + ": " + e.getMessage(), e);
        }
        retries++;
        Duration pause = jittered(backoff(retries));
        pause = pause.compareTo(left) < 0 ? pause : left;
        int retry = retries;
        Duration wait = pause;
        LOG.log(System.Logger.Level.WARNING, () -> operation + ": " + e.getMessage() + "; retry " + retry + " in "
            + seconds(wait) + " (giving up " + seconds(left) + " from now)");
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new PetApiException(0, operation + ": interrupted while waiting to retry", interrupted);
        }
      }
    }
  }

  private Duration jittered(Duration pause) {
    if (jitter == 0) {
      return pause;
    }
    double factor = 1 - jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofNanos(Math.max(1, (long) (pause.toNanos() * factor)));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  @Override
  public String toString() {
    return "RetryPolicy{initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", giveUpAfter=" + giveUpAfter
        + ", jitter=" + jitter + "}";
  }
}
