package org.pet.benchmarks.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.pet.benchmarks.RoundTranscript;
import org.pet.secagg.SecAggParameters;
import org.pet.secagg.SecAggPlus;
import org.pet.secagg.SecAggServer;

/**
 * Issue #17's scaling curve: in-process rounds of n agencies with vectors of 10,000 longs, 10% dropping
 * out after sharing keys and up to c = floor(n / 3) colluders tolerated, for the complete graph (t =
 * floor(2n/3) + 1; up to n = 1,000, beyond which preparing the round alone takes hours) and SecAgg+ (k and
 * t from {@link SecAggPlus#recommend}, up to n = 5,000). Each round runs once in full, its sum checked
 * against the survivors' exact sum; the server's unmasking is then timed on a fresh server fed the same
 * messages, on one thread, best of two. Writes {@code secagg_scaling.csv} and {@code secagg_scaling.png}
 * (server unmasking time against n, log-log) to the output directory.
 *
 * <pre>java -Xmx12g -cp benchmarks/target/benchmarks.jar org.pet.benchmarks.study.SecAggScalingStudy [OUT_DIR] [N...]</pre>
 */
public final class SecAggScalingStudy {

  private static final int LENGTH = 10_000;
  private static final int COMPLETE_UP_TO = 1_000;

  private SecAggScalingStudy() {}

  /** One measured round. */
  record Row(String graph, int n, int neighbours, int threshold, int survivors, double serverUnmaskingSeconds,
      double clientMaskingSeconds, double bytesPerAgency, double prepareSeconds) implements Csv.Row {
    @Override
    public List<Object> fields() {
      return List.of(graph, n, neighbours, threshold, survivors, serverUnmaskingSeconds, clientMaskingSeconds,
          bytesPerAgency, prepareSeconds);
    }
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results/study");
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(100, 200, 500, 1000, 2000, 5000);
    }
    Files.createDirectories(out);
    ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
      Thread thread = new Thread(runnable, "masking-worker");
      thread.setDaemon(true);
      return thread;
    });
    List<Row> rows = new ArrayList<>();
    try {
      for (int n : sizes) {
        for (String graph : List.of("complete", "secagg+")) {
          if (graph.equals("complete") && n > COMPLETE_UP_TO) {
            continue;
          }
          Row row = measure(graph, n, workers);
          rows.add(row);
          System.out.println(row);
          Csv.write(out.resolve("secagg_scaling.csv"), List.of("graph", "n", "neighbours", "threshold", "survivors",
              "server_unmasking_s", "client_masking_s", "bytes_per_agency", "prepare_s"), rows);
        }
      }
    } finally {
      workers.shutdownNow();
    }
    XYChart chart = Charts.logLog("Server unmasking time, 10,000-long vectors, 10% dropouts, c = n/3",
        "agencies n", "seconds (one thread)");
    int colour = 0;
    for (String graph : List.of("complete", "secagg+")) {
      List<Row> series = rows.stream().filter(r -> r.graph().equals(graph)).toList();
      Charts.addSeries(chart, graph.equals("complete") ? "complete graph (Bonawitz et al.)" : "SecAgg+ (recommended k)",
          series.stream().mapToDouble(Row::n).toArray(), series.stream().mapToDouble(Row::serverUnmaskingSeconds).toArray(),
          Charts.color(colour++), false);
    }
    Charts.save(chart, out.resolve("secagg_scaling.png"));
  }

  private static Row measure(String graph, int n, ExecutorService workers) {
    List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> "agency-" + i).toList();
    int colluders = n / 3;
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("scaling-" + graph + "-" + n)
        .participants(ids).vectorLength(LENGTH).toleratedColluders(colluders);
    if (graph.equals("complete")) {
      builder.threshold(n * 2 / 3 + 1);
    } else {
      SecAggPlus.Recommendation plus = SecAggPlus.recommend(n, 0.1, (double) colluders / n);
      builder.threshold(plus.threshold()).neighbours(plus.neighbours());
    }
    SecAggParameters parameters = builder.build();
    int survivors = n - n / 10;
    long start = System.nanoTime();
    RoundTranscript transcript = RoundTranscript.record(parameters, survivors, workers, n);
    double prepare = (System.nanoTime() - start) / 1e9;
    double best = Double.POSITIVE_INFINITY;
    for (int repeat = 0; repeat < 2; repeat++) {
      SecAggServer server = transcript.replay(null);
      System.gc();
      long unmaskStart = System.nanoTime();
      transcript.check(server.finish());
      best = Math.min(best, (System.nanoTime() - unmaskStart) / 1e9);
    }
    return new Row(graph, n, parameters.neighbours(), parameters.threshold(), survivors, best,
        transcript.clientMaskingSeconds, (double) (transcript.uploadBytes + transcript.downloadBytes) / n, prepare);
  }
}
