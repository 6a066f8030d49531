package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stable binary encoding of protocol messages (documented for other implementations in the
 * message classes): a one-byte message tag, then fields in order. Integers and lengths are 4-byte
 * big-endian; strings are a length and UTF-8 bytes; byte strings a length and the bytes; long vectors a
 * count and 8-byte little-endian two's-complement values; lists a count and their elements; maps a
 * count and (key, value) pairs in ascending key order.
 */
final class Wire {

  /** Upper bound on any single length field, against allocation attacks from malformed input. */
  static final int MAX_LENGTH = 1 << 28;

  private Wire() {}

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer(int tag) {
      out.write(tag);
    }

    /** One byte: a protocol version. */
    Writer version(int value) {
      out.write(value);
      return this;
    }

    Writer integer(int value) {
      out.write(value >>> 24);
      out.write(value >>> 16);
      out.write(value >>> 8);
      out.write(value);
      return this;
    }

    Writer bytes(byte[] value) {
      integer(value.length);
      out.writeBytes(value);
      return this;
    }

    Writer bytes(Bytes value) {
      return bytes(value.toByteArray());
    }

    Writer string(String value) {
      return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    Writer strings(List<String> values) {
      integer(values.size());
      values.forEach(this::string);
      return this;
    }

    Writer longs(long[] values) {
      integer(values.length);
      ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buffer.asLongBuffer().put(values);
      out.writeBytes(buffer.array());
      return this;
    }

    Writer byteMap(SortedMap<String, Bytes> values) {
      integer(values.size());
      values.forEach((key, value) -> string(key).bytes(value));
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  static final class Reader {
    private final ByteBuffer in;
    private final String message;

    /** @throws ProtocolViolationException if the tag is not {@code tag} */
    Reader(byte[] encoded, int tag, String message) {
      this.in = ByteBuffer.wrap(encoded);
      this.message = message;
      if (encoded.length == 0 || in.get() != (byte) tag) {
        throw malformed("wrong message tag");
      }
    }

    int integer() {
      need(4);
      return in.getInt();
    }

    private int length(int elementBytes) {
      int length = integer();
      if (length < 0 || length > MAX_LENGTH || (long) length * elementBytes > in.remaining()) {
        throw malformed("bad length " + length);
      }
      return length;
    }

    byte[] bytes() {
      byte[] value = new byte[length(1)];
      in.get(value);
      return value;
    }

    Bytes bytesValue() {
      return Bytes.copyFrom(bytes());
    }

    String string() {
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes())).toString();
      } catch (CharacterCodingException e) {
        throw malformed("invalid UTF-8");
      }
    }

    List<String> strings() {
      int count = length(4);
      List<String> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(string());
      }
      return values;
    }

    long[] longs() {
      long[] values = new long[length(Long.BYTES)];
      in.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
      in.position(in.position() + values.length * Long.BYTES);
      return values;
    }

    SortedMap<String, Bytes> byteMap() {
      int count = length(8);
      SortedMap<String, Bytes> values = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        String key = string();
        if (values.put(key, bytesValue()) != null) {
          throw malformed("duplicate key");
        }
      }
      return values;
    }

    /** @throws ProtocolViolationException if bytes are left over */
    void end() {
      if (in.hasRemaining()) {
        throw malformed("trailing bytes");
      }
    }

    private void need(int bytes) {
      if (in.remaining() < bytes) {
        throw malformed("truncated");
      }
    }

    private ProtocolViolationException malformed(String why) {
      return new ProtocolViolationException("malformed " + message + " message: " + why);
    }
  }

  /** An immutable copy of a map, sorted by key. */
  static <V> SortedMap<String, V> sortedCopy(Map<String, V> values) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }
}
