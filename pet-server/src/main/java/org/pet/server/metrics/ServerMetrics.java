package org.pet.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics: HTTP requests ({@code pet_http_requests_seconds} by method and status),
 * secure aggregation rounds by state ({@code pet_rounds{state=...}}), and the privacy budget spent since
 * start ({@code pet_epsilon_spent_total} and {@code pet_delta_spent_total} by source: {@code query} or
 * {@code round}). Carries counts and budgets only, never data.
 */
public final class ServerMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Supplier<Map<String, Long>> roundCounts = Map::of;
  /** Round counts by state as read at the start of the current scrape. */
  private volatile Map<String, Long> roundSnapshot = Map.of();

  /** Starts timing a request; stop the sample with {@link #requestDone}. */
  public Timer.Sample startRequest() {
    return Timer.start(registry);
  }

  public void requestDone(Timer.Sample sample, String method, int status) {
    sample.stop(registry.timer("pet.http.requests", "method", method, "status", Integer.toString(status)));
  }

  /**
   * Publishes one gauge per state. {@code counts} is read once per scrape (not once per gauge); states
   * absent from the map read 0.
   */
  public void roundStates(List<String> states, Supplier<Map<String, Long>> counts) {
    roundCounts = counts;
    for (String state : states) {
      Gauge.builder("pet.rounds", this, metrics -> metrics.roundSnapshot.getOrDefault(state, 0L))
          .description("secure aggregation rounds by state").tag("state", state).strongReference(true)
          .register(registry);
    }
  }

  /** Adds a released result's privacy cost to the spent totals. */
  public void privacySpent(String source, double epsilon, double delta) {
    Counter.builder("pet.epsilon.spent").description("epsilon spent by answered queries and completed rounds")
        .tag("source", source).register(registry).increment(epsilon);
    Counter.builder("pet.delta.spent").description("delta spent by answered queries and completed rounds")
        .tag("source", source).register(registry).increment(delta);
  }

  /**
   * Counts reports of two-aggregator tasks as they are settled: {@code outcome} is {@code accepted} or the
   * rejection reason ({@code proof-rejected}, {@code replayed}, ...).
   */
  public void vdafReport(String role, String outcome) {
    Counter.builder("pet.vdaf.reports").description("two-aggregator task reports settled, by outcome")
        .tag("role", role).tag("outcome", outcome).register(registry).increment();
  }

  /** The Prometheus text exposition. */
  public synchronized String scrape() {
    roundSnapshot = roundCounts.get();
    return registry.scrape();
  }
}
