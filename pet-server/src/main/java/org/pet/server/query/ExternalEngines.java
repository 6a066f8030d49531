package org.pet.server.query;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.pet.server.http.HttpProblem;

/**
 * The external engines of a running server: those whose {@link ExternalEngine.Provider} is on the
 * classpath, opened when the server is configured with a Spark master ({@code --spark-master},
 * {@code PET_SPARK_MASTER}). Without a master, or without pet-spark on the classpath, there is none and a
 * registration that asks for one is refused with 422.
 */
public final class ExternalEngines implements AutoCloseable {

  private final Map<String, ExternalEngine> engines;
  private final String missing;

  private ExternalEngines(Map<String, ExternalEngine> engines, String missing) {
    this.engines = engines;
    this.missing = missing;
  }

  /** No external engine: every dataset is answered in process. */
  public static ExternalEngines none() {
    return new ExternalEngines(Map.of(), "the server runs without a Spark master (--spark-master, PET_SPARK_MASTER)");
  }

  /** Opens every engine on the classpath on {@code sparkMaster}; none if it is null. */
  public static ExternalEngines load(String sparkMaster) {
    if (sparkMaster == null) {
      return none();
    }
    Map<String, ExternalEngine> engines = new TreeMap<>();
    for (ExternalEngine.Provider provider : ServiceLoader.load(ExternalEngine.Provider.class)) {
      engines.put(provider.name(), provider.open(sparkMaster));
    }
    return new ExternalEngines(engines, "no such engine is on the server's classpath (for spark: pet-spark and "
        + "Spark SQL)");
  }

  /**
   * The engine called {@code name}.
   *
   * @throws HttpProblem 422 saying why the server has none
   */
  ExternalEngine require(String name) {
    ExternalEngine engine = engines.get(name);
    if (engine == null) {
      throw new HttpProblem(422, "Unprocessable Content", "this server cannot answer datasets on engine " + name
          + ": " + missing + "; register the data as `csv` or `path` instead, or run the server with the engine");
    }
    return engine;
  }

  @Override
  public void close() {
    engines.values().forEach(ExternalEngine::close);
  }
}
