package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSmokeTest {
  @Test
  void localSession_counts() {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("smoke")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      assertThat(spark.range(1000).groupBy().count().first().getLong(0)).isEqualTo(1000);
    } finally {
      spark.stop();
    }
  }
}
