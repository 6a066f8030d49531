package org.pet.vdaf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replays a test vector in the VDAF draft's format (draft-irtf-cfrg-vdaf-20, appendix "Test Vectors") through
 * this implementation: every listed operation in order, each taking the vector's own messages as input and
 * compared byte for byte with the vector's outputs; an operation marked {@code success: false} must fail.
 * The vector is given already parsed (JSON objects as maps, arrays as lists, numbers as {@link Number}), so
 * pet-core needs no JSON library.
 */
public final class Prio3TestVectors {

  private static final HexFormat HEX = HexFormat.of();

  private Prio3TestVectors() {}

  /**
   * What replaying one vector found.
   *
   * @param instance the Prio3 instance, e.g. {@code Prio3Count}
   * @param operations how many operations were replayed
   * @param failures a line per operation that did not behave as the vector says; empty when reproduced
   */
  public record Outcome(String instance, int operations, List<String> failures) {
    public Outcome {
      failures = List.copyOf(failures);
    }

    public boolean reproduced() {
      return failures.isEmpty();
    }
  }

  /** The instance a vector file is for, from its name as the draft's repository names them ({@code Prio3Sum_0.json}). */
  public static String instanceOf(String fileName) {
    String base = fileName.replaceAll(".*[/\\\\]", "");
    int underscore = base.indexOf('_');
    return underscore < 0 ? base.replace(".json", "") : base.substring(0, underscore);
  }

  /**
   * Replays {@code vector} as an instance of {@code instance}.
   *
   * @throws IllegalArgumentException if the instance is unknown or the vector lacks a field it needs
   */
  public static Outcome replay(String instance, Map<String, Object> vector) {
    int shares = integer(vector, "shares");
    return switch (instance) {
      case "Prio3Count" -> run(instance, Prio3.count(shares), value -> ((Number) value).longValue(), vector);
      case "Prio3Sum" -> run(instance, Prio3.sum(shares, longValue(vector, "max_measurement")),
          value -> ((Number) value).longValue(), vector);
      case "Prio3SumVec" -> run(instance, Prio3.sumVec(shares, integer(vector, "length"),
          longValue(vector, "max_measurement"), integer(vector, "chunk_length")), Prio3TestVectors::longs, vector);
      case "Prio3Histogram" -> run(instance, Prio3.histogram(shares, integer(vector, "length"),
          integer(vector, "chunk_length")), value -> ((Number) value).intValue(), vector);
      case "Prio3MultihotCountVec" -> run(instance, Prio3.multihotCountVec(shares, integer(vector, "length"),
          longValue(vector, "max_weight"), integer(vector, "chunk_length")), Prio3TestVectors::booleans, vector);
      default -> throw new IllegalArgumentException("unknown VDAF instance " + instance
          + " (expected Prio3Count, Prio3Sum, Prio3SumVec, Prio3Histogram or Prio3MultihotCountVec)");
    };
  }

  private static <E extends FieldElement<E>, M, R> Outcome run(String instance, Prio3<E, M, R> prio3,
      Function<Object, M> measurement, Map<String, Object> vector) {
    byte[] verifyKey = hex(vector.get("verify_key"));
    byte[] ctx = hex(vector.get("ctx"));
    List<Map<String, Object>> reports = list(vector.get("reports"));
    List<Object> operations = list(vector.get("operations"));
    Map<String, Prio3.Verification<E>> states = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (Object raw : operations) {
      Map<String, Object> operation = map(raw);
      String name = (String) operation.get("operation");
      boolean success = Boolean.TRUE.equals(operation.get("success"));
      int index = operation.get("report_index") == null ? -1 : ((Number) operation.get("report_index")).intValue();
      int aggregator = operation.get("aggregator_id") == null ? -1 : ((Number) operation.get("aggregator_id")).intValue();
      String label = name + (index >= 0 ? " report " + index : "") + (aggregator >= 0 ? " aggregator " + aggregator : "");
      try {
        String mismatch = switch (name) {
          case "shard" -> {
            Map<String, Object> report = at(reports, index, "report");
            Prio3.Sharded sharded = prio3.shard(ctx, measurement.apply(report.get("measurement")), hex(report.get("nonce")),
                hex(report.get("rand")));
            List<String> inputShares = sharded.inputShares().stream().map(HEX::formatHex).toList();
            yield HEX.formatHex(sharded.publicShare()).equals(report.get("public_share"))
                && inputShares.equals(list(report.get("input_shares"))) ? null : "public or input shares differ";
          }
          case "verify_init" -> {
            Map<String, Object> report = at(reports, index, "report");
            Prio3.Verification<E> state = prio3.verifyInit(verifyKey, ctx, aggregator, hex(report.get("nonce")),
                hex(report.get("public_share")), hex(list(report.get("input_shares")).get(aggregator)));
            states.put(index + "/" + aggregator, state);
            Object expected = at(list(at(list(report.get("verifier_shares")), 0, "verifier share round")), aggregator,
                "verifier share");
            yield HEX.formatHex(state.verifierShare()).equals(expected) ? null : "verifier share differs";
          }
          case "verifier_shares_to_message" -> {
            Map<String, Object> report = at(reports, index, "report");
            List<byte[]> verifierShares = new ArrayList<>();
            for (Object share : list(at(list(report.get("verifier_shares")), 0, "verifier share round"))) {
              verifierShares.add(hex(share));
            }
            byte[] message = prio3.verifierSharesToMessage(ctx, verifierShares);
            yield HEX.formatHex(message).equals(optional(list(report.get("verifier_messages")), 0)) ? null
                : "verifier message differs";
          }
          case "verify_next" -> {
            Map<String, Object> report = at(reports, index, "report");
            Prio3.Verification<E> state = states.get(index + "/" + aggregator);
            if (state == null) {
              throw new IllegalArgumentException("verify_init did not run first");
            }
            List<E> outShare = prio3.verifyNext(state, hex(at(list(report.get("verifier_messages")), 0, "verifier message")));
            yield HEX.formatHex(prio3.field().encodeVec(outShare)).equals(optional(list(report.get("out_shares")), aggregator))
                ? null : "output share differs";
          }
          case "aggregate" -> {
            List<List<E>> outShares = new ArrayList<>();
            for (Map<String, Object> report : reports) {
              outShares.add(prio3.field().decodeVec(hex(at(list(report.get("out_shares")), aggregator, "output share"))));
            }
            yield HEX.formatHex(prio3.field().encodeVec(prio3.aggregate(outShares)))
                .equals(optional(list(vector.get("agg_shares")), aggregator)) ? null : "aggregate share differs";
          }
          case "unshard" -> {
            List<List<E>> aggShares = new ArrayList<>();
            for (Object share : list(vector.get("agg_shares"))) {
              aggShares.add(prio3.field().decodeVec(hex(share)));
            }
            R result = prio3.unshard(aggShares, reports.size());
            yield sameResult(result, vector.get("agg_result")) ? null : "aggregate result " + result + " differs";
          }
          default -> "unknown operation";
        };
        if (!success) {
          failures.add(label + ": succeeded, but the vector says it must fail");
        } else if (mismatch != null) {
          failures.add(label + ": " + mismatch);
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        if (success) {
          failures.add(label + ": failed (" + e.getMessage() + "), but the vector says it succeeds");
        }
      }
    }
    return new Outcome(instance, operations.size(), failures);
  }

  /** The element at {@code index}, or an IllegalArgumentException naming what is missing. */
  private static <T> T at(List<T> values, int index, String what) {
    if (index < 0 || index >= values.size()) {
      throw new IllegalArgumentException("the vector has no " + what + " " + index);
    }
    return values.get(index);
  }

  /** The element at {@code index}, or null (compared as a mismatch) when the vector has none. */
  private static Object optional(List<?> values, int index) {
    return index >= 0 && index < values.size() ? values.get(index) : null;
  }

  private static boolean sameResult(Object result, Object expected) {
    if (result instanceof List<?> values && expected instanceof List<?> wanted) {
      if (values.size() != wanted.size()) {
        return false;
      }
      for (int i = 0; i < values.size(); i++) {
        if (((Number) values.get(i)).longValue() != ((Number) wanted.get(i)).longValue()) {
          return false;
        }
      }
      return true;
    }
    return result instanceof Number number && expected instanceof Number want && number.longValue() == want.longValue();
  }

  private static List<Long> longs(Object value) {
    return list(value).stream().map(v -> ((Number) v).longValue()).toList();
  }

  private static List<Boolean> booleans(Object value) {
    return list(value).stream().map(v -> (Boolean) v).toList();
  }

  private static byte[] hex(Object value) {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("expected a hex string, found " + value);
    }
    return HEX.parseHex(text);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object value) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("expected a list, found " + value);
    }
    return (List<T>) list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected an object, found " + value);
    }
    return (Map<String, Object>) map;
  }

  private static int integer(Map<String, Object> vector, String name) {
    return (int) longValue(vector, name);
  }

  private static long longValue(Map<String, Object> vector, String name) {
    if (!(vector.get(name) instanceof Number number)) {
      throw new IllegalArgumentException("the vector has no number `" + name + "`");
    }
    return number.longValue();
  }
}
