package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.pet.transparency.LogEntry;
import org.pet.transparency.LogVerification;
import org.pet.transparency.SignedCheckpoint;

/**
 * A copy of a pet server's transparency log: its latest signed checkpoint and the entries it covers, as
 * {@code GET /v1/transparency/checkpoint} and {@code GET /v1/transparency/log} deliver them, verified
 * locally ({@link LogVerification}): the server's own verify endpoint is not trusted. As a dump:
 * {@code {"checkpoint": note, "entries": [...]}}, each entry with {@code index}, {@code timestamp},
 * {@code type}, {@code payload} (an object) and {@code payloadText} (the exact text hashed). Immutable.
 */
public final class TransparencyLogCopy {

  /** Entries fetched per request (the server's maximum page). */
  static final int PAGE = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String checkpoint;
  private final List<JsonNode> entries;

  private TransparencyLogCopy(String checkpoint, List<JsonNode> entries) {
    this.checkpoint = checkpoint;
    this.entries = List.copyOf(entries);
  }

  /**
   * Fetches the latest checkpoint, then the entries it covers, page by page (entries appended meanwhile
   * are left for the next run).
   *
   * @throws PetApiException if the server refuses, cannot be reached, or answers in another form
   */
  public static TransparencyLogCopy fetch(PetClient client) {
    JsonNode answer = client.get("/v1/transparency/checkpoint");
    String note = answer.path("note").asText(null);
    if (note == null) {
      throw new PetApiException(200, "GET /v1/transparency/checkpoint: the answer has no `note`", null);
    }
    long size;
    try {
      size = SignedCheckpoint.parse(note).checkpoint().treeSize();
    } catch (IllegalArgumentException e) {
      throw new PetApiException(200, "GET /v1/transparency/checkpoint: not a signed checkpoint (" + e.getMessage()
          + ")", e);
    }
    List<JsonNode> entries = new ArrayList<>();
    while (entries.size() < size) {
      int limit = (int) Math.min(PAGE, size - entries.size());
      JsonNode page = client.get("/v1/transparency/log?from=" + entries.size() + "&limit=" + limit).path("entries");
      if (!page.isArray()) {
        throw new PetApiException(200, "GET /v1/transparency/log: the answer has no `entries` array", null);
      }
      page.forEach(entries::add);
      if (page.size() < limit) {
        break; // the server serves fewer entries than its checkpoint covers: verification names it
      }
    }
    return new TransparencyLogCopy(note, entries);
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
   * A copy read from a dump ({@link #toJson}).
   *
   * @throws IllegalArgumentException if it has no {@code checkpoint} text or no {@code entries} array
   */
  public static TransparencyLogCopy fromJson(JsonNode dump) {
    JsonNode entries = dump == null ? null : dump.get("entries");
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException("not a transparency log dump: no `entries` array");
    }
    JsonNode checkpoint = dump.get("checkpoint");
    if (checkpoint == null || !checkpoint.isTextual()) {
      throw new IllegalArgumentException("not a transparency log dump: no `checkpoint` (a signed note)");
    }
    List<JsonNode> list = new ArrayList<>();
    entries.forEach(list::add);
    return new TransparencyLogCopy(checkpoint.asText(), list);
  }

  /** The copy as a dump that {@link #fromJson} reads back. */
  public ObjectNode toJson() {
    ObjectNode dump = JSON.createObjectNode();
    dump.put("checkpoint", checkpoint);
    ArrayNode array = dump.putArray("entries");
    entries.forEach(array::add);
    return dump;
  }

  /** The number of entries held. */
  public int size() {
    return entries.size();
  }

  /** The entries as received (JSON). */
  public List<JsonNode> json() {
    return entries;
  }

  /**
   * The signed checkpoint.
   *
   * @throws IllegalArgumentException if it is not a well-formed signed note
   */
  public SignedCheckpoint checkpoint() {
    return SignedCheckpoint.parse(checkpoint);
  }

  /**
   * The entries, parsed.
   *
   * @throws IllegalArgumentException naming the position of the first malformed entry
   */
  public List<LogEntry> entries() {
    List<LogEntry> parsed = new ArrayList<>();
    for (JsonNode entry : entries) {
      try {
        parsed.add(parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + parsed.size() + " is malformed: " + e.getMessage());
      }
    }
    return parsed;
  }

  /**
   * Verifies the copy: the checkpoint signed by {@code serverPublicKey}, every entry present in order, and
   * the Merkle root of the entries equal to the checkpoint's.
   */
  public LogVerification.Result verify(byte[] serverPublicKey) {
    try {
      return LogVerification.verify(entries(), checkpoint(), serverPublicKey);
    } catch (IllegalArgumentException e) {
      return LogVerification.Result.failed(e.getMessage());
    }
  }

  /**
   * Reads one entry's JSON. The leaf covers the payload's exact text ({@code payloadText}); {@code payload}
   * must be that text parsed.
   */
  static LogEntry parse(JsonNode entry) {
    JsonNode payload = entry.get("payload");
    if (!entry.path("index").canConvertToExactIntegral() || payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("needs an integer `index` and an object `payload`");
    }
    String payloadText = text(entry, "payloadText");
    try {
      if (!JSON.readTree(payloadText).equals(payload)) {
        throw new IllegalArgumentException("`payload` is not `payloadText` parsed");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("`payloadText` is not JSON");
    }
    return new LogEntry(entry.get("index").asLong(), text(entry, "timestamp"), text(entry, "type"), payloadText);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("`" + field + "` must be a string");
    }
    return value.asText();
  }
}
