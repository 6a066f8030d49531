package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.client.AgencyKeyFile;

/**
 * The command line against a pet server behind a reverse proxy at a sub-path that strips the prefix: every
 * request goes under the prefix, and the agencies' signatures (over the path the pet server receives)
 * verify.
 */
class ReverseProxyTest {

  private static final List<String> AGENCIES = List.of("council", "nhs-trust", "police");

  @TempDir
  Path directory;

  private EmbeddedServer server;
  private PrefixProxy proxy;
  private Map<String, String> environment;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedServer.start();
    proxy = new PrefixProxy(server.uri(), "/gateway/pet");
    environment = Map.of("PET_ADMIN_TOKEN", server.adminToken());
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.close();
  }

  @Test
  void agencyJoin_throughAPrefixStrippingProxy_signsAndCompletesTheRound() throws Exception {
    String url = proxy.uri().toString();
    for (String agency : AGENCIES) {
      Path key = directory.resolve(agency + ".key");
      Cli.run("agency", "keygen", "--agency", agency, "--out", key.toString()).succeeded();
      Cli.run(environment, "agency", "register", "--server", url, "--agency", agency, "--public-key",
          AgencyKeyFile.read(key).publicKeyBase64()).succeeded();
      Files.writeString(directory.resolve(agency + ".csv"), "value\n1\n" + agency.length() + "\n");
    }
    Cli.Result created = Cli.run(environment, "round", "create", "--server", url + "/", "--participants",
        String.join(",", AGENCIES), "--threshold", "2", "--vector-length", "2", "--phase-timeout", "600").succeeded();
    Matcher id = Pattern.compile("round ([0-9a-f-]{36})").matcher(created.out());
    assertThat(id.find()).as(created.out()).isTrue();
    String round = id.group(1);

    ExecutorService threads = Executors.newFixedThreadPool(AGENCIES.size());
    List<Future<Cli.Result>> joins = new ArrayList<>();
    try {
      for (String agency : AGENCIES) {
        joins.add(threads.submit(() -> Cli.run("agency", "join", "--server", url, "--round", round, "--key",
            directory.resolve(agency + ".key").toString(), "--input", directory.resolve(agency + ".csv").toString())));
      }
      for (Future<Cli.Result> join : joins) {
        // council 7, nhs-trust 9, police 6: sums 3 and 22.
        assertThat(join.get().succeeded().out()).contains("index,sum\n0,3\n1,22\n");
      }
    } finally {
      threads.shutdown();
    }
    assertThat(Cli.run("round", "result", "--server", url, "--round", round).succeeded().out())
        .contains("index,sum\n0,3\n1,22\n");
    assertThat(Cli.run("log", "verify", "--server", url).succeeded().out())
        .contains("transparency log of " + url + ": valid");
  }

  @Test
  void query_serverAddressWithoutTheProxysPrefix_saysItDoesNotLookLikeAPetServer() {
    URI root = URI.create(proxy.uri().toString().replace("/gateway/pet", ""));
    Cli.run("log", "verify", "--server", root.toString()).failed(1, "pet log verify",
        "answered GET with HTTP 404 and a non-JSON body: it does not look like a pet server (is the URL " + root
            + " right?)");
  }

  @Test
  void serverAddress_withAQuery_exitsTwo() {
    Cli.run("log", "verify", "--server", proxy.uri() + "?x=1").failed(2, "pet log verify",
        "--server must be an address without a query or fragment");
  }
}
