package org.pet.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that answers every request with 500 and counts them: a stand-in for a pet server in
 * tests that check nothing is sent when input is invalid.
 */
final class RecordingServer implements AutoCloseable {

  private final HttpServer http;
  private final AtomicInteger requests = new AtomicInteger();

  RecordingServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    http.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    http.start();
  }

  /** The address to pass as {@code --server}. */
  String url() {
    return "http://localhost:" + http.getAddress().getPort();
  }

  /** How many requests arrived. */
  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
