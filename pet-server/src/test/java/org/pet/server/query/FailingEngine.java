package org.pet.server.query;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A test engine named {@code failing} (on pet-server's test classpath only): any source has the columns
 * person and amount, and every job fails, as a lost cluster would.
 */
public final class FailingEngine implements ExternalEngine {

  public static final class Provider implements ExternalEngine.Provider {

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public ExternalEngine open(String master) {
      return new FailingEngine();
    }
  }

  @Override
  public Schema schema(Source source) {
    return new Schema(List.of("person", "amount"), Set.of("amount"));
  }

  @Override
  public Consumer<JsonObject> prepare(Source source, Dataset dataset, DpQuery query) {
    return answer -> {
      throw new IllegalStateException("the cluster is gone");
    };
  }

  @Override
  public void close() {}
}
