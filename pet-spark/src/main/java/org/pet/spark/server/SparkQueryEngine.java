package org.pet.spark.server;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.pet.server.http.HttpProblem;
import org.pet.server.query.DpQuery;
import org.pet.server.query.ExternalEngine;
import org.pet.spark.SparkDpQuery;

/**
 * pet-server's {@code spark} engine: answers datasets registered as a Spark-readable path (CSV with a
 * header row, or Parquet) with {@link SparkDpQuery}, on the server's Spark master. The server validates,
 * charges and logs; this class reads schemas and maps a query onto SparkDpQuery: count, sum, mean and
 * quantile are one group over all rows (a public group, so no budget goes to selection); a histogram is a
 * count per value of {@code groupBy}, cast to text, with private selection or the public {@code keys}.
 * Variance is not answered (422). {@link #prepare} reads the schema and builds the release, so a column
 * missing from the data or an invalid parameter is a 422 before the server charges; only the job itself
 * runs after the charge. The session is created on first use and stopped when the server closes.
 */
public final class SparkQueryEngine implements ExternalEngine {

  /** Found by {@link java.util.ServiceLoader} when pet-spark is on the server's classpath. */
  public static final class Provider implements ExternalEngine.Provider {

    @Override
    public String name() {
      return "spark";
    }

    @Override
    public ExternalEngine open(String master) {
      return new SparkQueryEngine(master);
    }
  }

  private static final String ALL = "__pet_all";
  private static final String VALUE = "value";

  private final String master;
  private SparkSession session;

  SparkQueryEngine(String master) {
    this.master = master;
  }

  private synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder().master(master).appName("pet-server").config("spark.ui.enabled", "false")
          .getOrCreate();
    }
    return session;
  }

  private Dataset<Row> read(Source source) {
    try {
      return source.format().equals("parquet") ? session().read().parquet(source.path())
          : session().read().option("header", "true").option("inferSchema", "true").csv(source.path());
    } catch (Exception e) { // Spark throws AnalysisException, a checked exception, undeclared
      // only the path is named; nothing from the data reaches a message
      throw new HttpProblem(422, "Unprocessable Content", "Spark cannot read " + source.format() + " at "
          + source.path());
    }
  }

  @Override
  public Schema schema(Source source) {
    List<String> columns = new ArrayList<>();
    Set<String> numeric = new LinkedHashSet<>();
    for (StructField field : read(source).schema().fields()) {
      columns.add(field.name());
      if (field.dataType() instanceof NumericType) {
        numeric.add(field.name());
      }
    }
    return new Schema(columns, numeric);
  }

  @Override
  public Consumer<JsonObject> prepare(Source source, org.pet.server.query.Dataset dataset, DpQuery query) {
    if (query.type() == DpQuery.Type.VARIANCE) {
      throw new HttpProblem(422, "Unprocessable Content", "variance is not answered on engine spark; ask for "
          + "count, sum, mean, quantile or histogram");
    }
    JsonObject request = query.request();
    Dataset<Row> data = read(source);
    SparkDpQuery.Builder builder;
    if (query.type() == DpQuery.Type.HISTOGRAM) {
      String groupBy = request.getString("groupBy");
      data = data.withColumn(groupBy, col(groupBy).cast("string"));
      builder = SparkDpQuery.on(data).groupBy(groupBy)
          .maxGroupsContributed(request.getInteger("maxPartitionsContributed", 1));
      JsonArray keys = request.getJsonArray("keys");
      if (keys != null) {
        List<String> publicKeys = keys.stream().map(String::valueOf).distinct().toList();
        builder.publicGroups(session().createDataset(publicKeys, Encoders.STRING()).toDF(groupBy));
      }
      builder.count(VALUE);
    } else {
      builder = SparkDpQuery.on(data.withColumn(ALL, lit(""))).groupBy(ALL).maxGroupsContributed(1)
          .publicGroups(session().createDataset(List.of(""), Encoders.STRING()).toDF(ALL));
      String column = request.getString("column");
      double lower = request.getDouble("lower", 0.0);
      double upper = request.getDouble("upper", 0.0);
      switch (query.type()) {
        case COUNT -> builder.count(VALUE);
        case SUM -> builder.sum(column, lower, upper, VALUE);
        case MEAN -> builder.mean(column, lower, upper, VALUE);
        default -> builder.quantiles(column, lower, upper, List.of(request.getDouble("rank")), VALUE);
      }
    }
    SparkDpQuery release;
    try {
      // build() checks the columns against the data's schema and every parameter; no job runs yet
      release = builder.privacyUnit(dataset.unitColumn()).maxContributionsPerGroup(query.maxContributionsPerPartition())
          .epsilon(query.epsilon()).delta(query.delta()).build();
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(422, "Unprocessable Content", "the query does not fit the data at " + source.path()
          + " (its schema may have changed since registration): " + e.getMessage());
    }
    return answer -> {
      List<Row> rows = release.run().collectAsList();
      if (query.type() == DpQuery.Type.HISTOGRAM) {
        JsonObject groups = new JsonObject();
        rows.forEach(row -> groups.put(String.valueOf(row.get(0)), row.get(1)));
        answer.put("groups", groups);
        return;
      }
      Row row = rows.get(0);
      answer.put(VALUE, row.get(1));
      if (query.type() == DpQuery.Type.COUNT || query.type() == DpQuery.Type.SUM) {
        answer.put("confidenceInterval95", new JsonArray().add(row.get(2)).add(row.get(3)));
      }
    };
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
