package org.pet.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.pet.examples.client.AgencyClient;
import org.pet.examples.client.AgencyPool;
import org.pet.examples.client.PetClient;
import org.pet.secagg.SecAggPlus;

/**
 * Not JMH: one SecAgg+ round of N agencies over HTTP (issue #17: N = 1,000) against a pet server in its own
 * JVM (embedded H2, GC log on), the agencies in this JVM - one thread each, sharing one HttpClient - with
 * k and t from {@link SecAggPlus#recommend} for 10% dropouts and c = floor(N / 3). The last 10% stop after
 * sharing keys. Prints the wall time from round creation to the public result, checks the sum against the
 * survivors' inputs, and reads the server's peak heap from its GC log: the largest heap in use before a
 * collection and the largest left after one.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.pet.benchmarks.HttpRoundScale N LENGTH SERVER_HEAP</pre>
 */
public final class HttpRoundScale {


  private HttpRoundScale() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int length = Integer.parseInt(args[1]);
    String serverHeap = args[2];
    String token = "http-round-scale-admin-token";
    long[] peak;
    try (ChildServer server = ChildServer.start("http-scale", token, null, serverHeap)) {
      run(PetClient.admin(server.uri(), token), n, length);
      server.close();
      peak = server.peakHeap();
    }
    System.out.printf("server heap (-Xmx%s): at most %d MiB in use before a GC, at most %d MiB live after one%n",
        serverHeap, peak[0], peak[1]);
  }

  private static void run(PetClient admin, int n, int length) {
    List<String> names = IntStream.rangeClosed(1, n).mapToObj(i -> String.format("agency-%04d", i)).toList();
    int colluders = n / 3;
    long start = System.nanoTime();
    AgencyPool agencies = AgencyPool.register(admin, names, colluders);
    System.out.printf("registered %d agencies in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    SecAggPlus.Recommendation plus = SecAggPlus.recommend(n, 0.1, (double) colluders / n);
    SplittableRandom random = new SplittableRandom(5);
    Map<String, long[]> inputs = new LinkedHashMap<>();
    names.forEach(name -> inputs.put(name, random.longs(length, 0, 1_000_000).toArray()));
    int dropouts = n / 10;
    long[] expected = new long[length];
    for (String name : names.subList(0, n - dropouts)) {
      long[] input = inputs.get(name);
      for (int i = 0; i < length; i++) {
        expected[i] += input[i];
      }
    }
    long roundStart = System.nanoTime();
    String round = agencies.createSecAggPlusRound(plus.threshold(), plus.neighbours(), length, null);
    AgencyClient.Outcome outcome = agencies.run(round, inputs, dropouts);
    double seconds = (System.nanoTime() - roundStart) / 1e9;
    if (!Arrays.equals(outcome.sum(), expected)) {
      throw new AssertionError("the sum is not the survivors' exact sum");
    }
    System.out.printf("round of %d agencies (k = %d, t = %d, c = %d, %d dropped after sharing keys), vectors of %d:"
        + " %.1f s from creation to the result; sum exact%n", n, plus.neighbours(), plus.threshold(), colluders,
        dropouts, length, seconds);
  }
}
