package org.pet.spark;

import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The values of a row's group columns, as a hash key: equal when the values are equal (binary values by
 * content), so that one group's partial states meet in one map entry. Group columns are atomic (checked at
 * build) and floating-point zeros are normalized before bounding, so this equality is Spark's grouping.
 */
final class GroupKey {

  private final Object[] values;
  private final int hash;

  private GroupKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.deepHashCode(values);
  }

  /** The {@code count} fields of {@code row} from {@code offset}. */
  static GroupKey of(Row row, int offset, int count) {
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      values[i] = row.get(offset + i);
    }
    return new GroupKey(values);
  }

  /** Whether {@code row} holds this group in its fields from {@code offset}, without allocating. */
  boolean matches(Row row, int offset) {
    for (int i = 0; i < values.length; i++) {
      if (!Objects.deepEquals(values[i], row.get(offset + i))) {
        return false;
      }
    }
    return true;
  }

  /** A row of the group's values followed by {@code extra}. */
  Row toRow(Object... extra) {
    Object[] fields = Arrays.copyOf(values, values.length + extra.length);
    System.arraycopy(extra, 0, fields, values.length, extra.length);
    return RowFactory.create(fields);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GroupKey key && hash == key.hash && Arrays.deepEquals(values, key.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
