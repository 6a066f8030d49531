package org.pet.dp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used memo for pure, expensive numerics (noise calibrations,
 * distribution tables). Values must depend on the key alone.
 */
final class Memo<K, V> {

  private final Map<K, V> entries;

  Memo(int capacity) {
    this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Returns the memoised value for {@code key}, computing it (under the lock) on a miss. */
  synchronized V get(K key, Function<? super K, ? extends V> compute) {
    return entries.computeIfAbsent(key, compute);
  }
}
