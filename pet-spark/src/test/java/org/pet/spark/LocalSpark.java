package org.pet.spark;

import org.apache.spark.sql.SparkSession;

/** The local session the tests share per class: two cores, no UI, four shuffle partitions. */
final class LocalSpark {

  private LocalSpark() {}

  static SparkSession start(String name) {
    return SparkSession.builder().master("local[2]").appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }
}
