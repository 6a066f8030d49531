package org.pet.secagg;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An immutable list of distinct participant ids whose {@link #indexOf} and {@link #contains} take constant
 * time, so rounds of thousands of participants do not spend quadratic time looking ids up. Equal to any
 * list with the same ids in the same order.
 */
final class ParticipantList extends AbstractList<String> implements RandomAccess {

  private final List<String> ids;
  private final Map<String, Integer> positions;

  private ParticipantList(List<String> ids, Map<String, Integer> positions) {
    this.ids = ids;
    this.positions = positions;
  }

  /** A copy of {@code ids}; {@code null} entries are refused, repeated ones leave {@link #distinct()} false. */
  static ParticipantList of(List<String> ids) {
    if (ids instanceof ParticipantList already) {
      return already;
    }
    List<String> copy = List.copyOf(ids);
    Map<String, Integer> positions = new HashMap<>(2 * copy.size());
    for (int i = copy.size() - 1; i >= 0; i--) {
      positions.put(copy.get(i), i);
    }
    return new ParticipantList(copy, positions);
  }

  boolean distinct() {
    return positions.size() == ids.size();
  }

  @Override
  public String get(int index) {
    return ids.get(index);
  }

  @Override
  public int size() {
    return ids.size();
  }

  @Override
  public int indexOf(Object id) {
    Integer position = positions.get(id);
    return position == null ? -1 : position;
  }

  @Override
  public boolean contains(Object id) {
    return positions.containsKey(id);
  }
}
