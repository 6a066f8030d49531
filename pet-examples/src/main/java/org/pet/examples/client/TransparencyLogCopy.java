package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.pet.transparency.LogEntry;
import org.pet.transparency.TransparencyLog;

/**
 * A copy of a pet server's transparency log, as the JSON of {@code GET /v1/transparency/log} delivers it
 * ({@code {"entries": [...]}}, each entry with {@code index}, {@code timestamp}, {@code type},
 * {@code payload} (a JSON object), and hex {@code previousHash}, {@code hash}, {@code signature}), verified
 * locally with pet-core's {@link TransparencyLog#verify}: the server's own verify endpoint is not trusted.
 *
 * <p>An entry's payload is hashed as the exact text the server stored ({@code payloadText}); a dump without
 * it is hashed as the payload's compact JSON, fields in the order received. Immutable.
 */
public final class TransparencyLogCopy {

  /** Entries fetched per request (the server's maximum page). */
  static final int PAGE = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final List<JsonNode> entries;

  private TransparencyLogCopy(List<JsonNode> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Fetches the whole log, page by page.
   *
   * @throws PetApiException if the server refuses or cannot be reached
   */
  public static TransparencyLogCopy fetch(PetClient client) {
    List<JsonNode> entries = new ArrayList<>();
    while (true) {
      JsonNode page = client.get("/v1/transparency/log?from=" + entries.size() + "&limit=" + PAGE).path("entries");
      if (!page.isArray()) {
        throw new PetApiException(200, "GET /v1/transparency/log: the answer has no `entries` array", null);
      }
      page.forEach(entries::add);
      if (page.size() < PAGE) {
        return new TransparencyLogCopy(entries);
      }
    }
  }

  /**
   * The server's Ed25519 public key, from {@code GET /v1/transparency/key}.
   *
   * @throws PetApiException if the server refuses, cannot be reached or answers with no valid key
   */
  public static byte[] fetchServerKey(PetClient client) {
    JsonNode key = client.get("/v1/transparency/key");
    try {
      return decodeKey(key.path("publicKey").asText());
    } catch (IllegalArgumentException e) {
      throw new PetApiException(200, "GET /v1/transparency/key: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes an Ed25519 public key written in base64url.
   *
   * @throws IllegalArgumentException if it is not base64url of 32 bytes
   */
  public static byte[] decodeKey(String base64url) {
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(base64url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not base64url");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("the key is not a 32-byte Ed25519 public key");
    }
    return key;
  }

  /**
   * A copy read from an exported dump: the same JSON as a log page.
   *
   * @throws IllegalArgumentException if it has no {@code entries} array
   */
  public static TransparencyLogCopy fromJson(JsonNode dump) {
    JsonNode entries = dump == null ? null : dump.get("entries");
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException("not a transparency log dump: no `entries` array");
    }
    List<JsonNode> list = new ArrayList<>();
    entries.forEach(list::add);
    return new TransparencyLogCopy(list);
  }

  /** The copy as a dump ({@code {"entries": [...]}}) that {@link #fromJson} reads back. */
  public ObjectNode toJson() {
    ObjectNode dump = JSON.createObjectNode();
    ArrayNode array = dump.putArray("entries");
    entries.forEach(array::add);
    return dump;
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** The {@code hash} field of the last entry, as received; empty for an empty log. */
  public Optional<String> headHash() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).path("hash").asText());
  }

  /**
   * Verifies the chain from the first entry: indices, previous hashes, each hash recomputed from the
   * entry's fields and each signature under {@code serverPublicKey}. A malformed entry (a field missing or
   * not hex) is invalid at its position.
   */
  public TransparencyLog.Verification verify(byte[] serverPublicKey) {
    List<LogEntry> parsed = new ArrayList<>();
    for (JsonNode entry : entries) {
      try {
        parsed.add(parse(entry));
      } catch (IllegalArgumentException e) {
        TransparencyLog.Verification before = TransparencyLog.verify(parsed, serverPublicKey);
        return before.valid() ? new TransparencyLog.Verification(false, parsed.size(), "malformed entry: "
            + e.getMessage()) : before;
      }
    }
    return TransparencyLog.verify(parsed, serverPublicKey);
  }

  /**
   * Reads one entry's JSON. The hash covers the payload's exact text: {@code payloadText} when the server
   * sends it (and then {@code payload} must be that text parsed), else {@code payload} re-encoded compactly.
   */
  static LogEntry parse(JsonNode entry) {
    JsonNode payload = entry.get("payload");
    if (!entry.path("index").canConvertToExactIntegral() || payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("needs an integer `index` and an object `payload`");
    }
    try {
      String payloadText = entry.has("payloadText") ? text(entry, "payloadText") : JSON.writeValueAsString(payload);
      if (!JSON.readTree(payloadText).equals(payload)) {
        throw new IllegalArgumentException("`payload` is not `payloadText` parsed");
      }
      return new LogEntry(entry.get("index").asLong(), text(entry, "timestamp"), text(entry, "type"), payloadText,
          hex(entry, "previousHash"), hex(entry, "hash"), hex(entry, "signature"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("`payloadText` is not JSON");
    }
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("`" + field + "` must be a string");
    }
    return value.asText();
  }

  private static byte[] hex(JsonNode entry, String field) {
    try {
      return HEX.parseHex(text(entry, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("`" + field + "` must be hex");
    }
  }
}
