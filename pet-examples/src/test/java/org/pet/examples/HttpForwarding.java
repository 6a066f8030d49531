package org.pet.examples;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/** Test proxies' one way of passing a request on: method, body and the headers pet reads, to a target. */
public final class HttpForwarding {

  private HttpForwarding() {}

  /** Sends {@code exchange}'s request to {@code target} and returns the answer (the exchange is not answered). */
  public static HttpResponse<byte[]> forward(HttpClient client, HttpExchange exchange, URI target) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-pet-") || lower.equals("content-type") || lower.equals("authorization")) {
        values.forEach(value -> request.header(name, value));
      }
    });
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
