package org.pet.server.query;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A query engine that answers datasets kept outside the server (say, Parquet files read by Spark). The
 * server keeps the budget, the charge and the transparency log; the engine only reads the schema at
 * registration and computes a validated query's answer. Implementations are found with
 * {@link java.util.ServiceLoader} through {@link Provider} (pet-spark registers one named {@code spark}), so
 * pet-server never depends on them: an engine exists only when its module is on the server's classpath.
 * Every method blocks: call off the event loop.
 */
public interface ExternalEngine extends AutoCloseable {

  /** Opens an engine; listed in {@code META-INF/services/org.pet.server.query.ExternalEngine$Provider}. */
  interface Provider {

    /** The name a registration gives as {@code engine}, e.g. {@code spark}. */
    String name();

    /**
     * Opens the engine on {@code master} (for Spark, the master URL). May defer connecting to first use.
     */
    ExternalEngine open(String master);
  }

  /**
   * Where a dataset's data is.
   *
   * @param path a path the engine can read (a file or directory, local or on a cluster file system)
   * @param format {@code csv} (header row first) or {@code parquet}
   */
  record Source(String path, String format) {}

  /**
   * The columns of a source and those that hold numbers, fixed at registration.
   */
  record Schema(List<String> columns, Set<String> numericColumns) {}

  /**
   * Reads the schema of {@code source} (not its rows).
   *
   * @throws org.pet.server.http.HttpProblem 422 if the source cannot be read
   */
  Schema schema(Source source);

  /**
   * Checks a query the server has already validated against {@code dataset}'s schema (columns, DP
   * parameters) and returns the work that computes it, writing the answer's fields ({@code value},
   * {@code confidenceInterval95}, {@code groups}) like the in-process engine. Nothing runs before the
   * returned work is called, which the server does only after charging the budget.
   *
   * @throws org.pet.server.http.HttpProblem 422 for a query type the engine does not answer, or a source
   *     that no longer reads or fits the query (checked here, before the charge)
   */
  Consumer<JsonObject> prepare(Source source, Dataset dataset, DpQuery query);

  /** Releases the engine's resources (for Spark, its session). */
  @Override
  void close();
}
