package org.pet.spark;

import java.util.Arrays;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.sql.types.VariantType;

/** Checks of a query's columns against the data's schema, made at build time, before any Spark job. */
final class SchemaChecks {

  private SchemaChecks() {}

  /**
   * Returns the top-level field named exactly {@code column}.
   *
   * @throws IllegalArgumentException naming {@code parameter} if there is none
   */
  static StructField field(StructType schema, String parameter, String column, String where) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(column)) {
        return field;
      }
    }
    throw Checks.invalid(parameter, "a column of " + where + " " + Arrays.toString(schema.fieldNames()),
        "\"" + column + "\"");
  }

  /** @throws IllegalArgumentException unless {@code column} is a numeric column of the data */
  static void requireNumeric(StructType schema, String output, String column) {
    StructField field = field(schema, "column` of `" + output, column, "the data");
    if (!(field.dataType() instanceof NumericType)) {
      throw Checks.invalid("column` of `" + output, "numeric", "\"" + column + "\" of type "
          + field.dataType().simpleString());
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code column} is a column of the data of an atomic type
   *     (string, number, boolean, date, timestamp, binary...): privacy units and groups are compared by
   *     value, which arrays, structs and maps do not support here
   */
  static void requireAtomic(StructType schema, String parameter, String column) {
    StructField field = field(schema, parameter, column, "the data");
    DataType type = field.dataType();
    if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType
        || type instanceof UserDefinedType || type instanceof VariantType) {
      throw Checks.invalid(parameter, "a column of an atomic type (string, number, boolean, date, timestamp,"
          + " binary)", "\"" + column + "\" of type " + type.simpleString());
    }
  }

  /** @throws IllegalArgumentException unless {@code groups} has {@code column} with the data's type */
  static void requireSameType(StructType data, StructType groups, String column) {
    StructField expected = field(data, "groupBy", column, "the data");
    StructField actual = field(groups, "publicGroups", column, "the public groups");
    if (!actual.dataType().sameType(expected.dataType())) {
      throw Checks.invalid("publicGroups", "of the data's type " + expected.dataType().simpleString()
          + " in column \"" + column + "\"", actual.dataType().simpleString());
    }
  }

  /** Quotes a column name for Spark's resolver, so that dots and backticks in names are literal. */
  static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
