package org.pet.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy that serves a pet server at a sub-path, as a gateway would: a request for
 * {@code PREFIX/v1/...} goes to the backend as {@code /v1/...} (the prefix stripped), with its query,
 * body and the pet headers; anything outside the prefix is answered 404 with an HTML page.
 */
final class PrefixProxy implements AutoCloseable {

  private final HttpServer http;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI backend;
  private final String prefix;

  /** @param prefix the sub-path, such as {@code /gateway/pet}: starts with '/' and does not end with one */
  PrefixProxy(URI backend, String prefix) throws IOException {
    this.backend = backend;
    this.prefix = prefix;
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(threads);
    http.createContext("/", this::forward);
    http.start();
  }

  /** The address of the pet server behind this proxy: {@code http://127.0.0.1:PORT/PREFIX}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + prefix);
  }

  private void forward(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (!path.startsWith(prefix + "/")) {
      byte[] page = "<html><body><h1>404 Not Found</h1></body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(404, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    URI target = URI.create(backend + path.substring(prefix.length()) + (query == null ? "" : "?" + query));
    HttpResponse<byte[]> response = HttpForwarding.forward(client, exchange, target);
    response.headers().firstValue("Content-Type").ifPresent(type ->
        exchange.getResponseHeaders().put("Content-Type", List.of(type)));
    exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
    exchange.getResponseBody().write(response.body());
    exchange.close();
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
