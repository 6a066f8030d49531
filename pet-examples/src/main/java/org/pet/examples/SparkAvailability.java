package org.pet.examples;

/**
 * Whether Spark is on the classpath for {@code pet release --engine spark}: the {@code pet} jar leaves it
 * out (it is hundreds of megabytes), so it comes from {@code SPARK_HOME} or a cluster.
 */
final class SparkAvailability {

  static final String HOW_TO_RUN = "--engine spark needs Apache Spark on the classpath, which pet.jar leaves out: "
      + "run java -cp pet.jar:$SPARK_HOME/jars/* org.pet.examples.PetCommand release --engine spark ... "
      + "(with Spark's --add-opens JVM options), or on a cluster spark-submit --class org.pet.spark.ReleaseJob "
      + "pet-spark-job.jar ... with the same options";

  private SparkAvailability() {}

  /**
   * @throws UsageException saying how to run with Spark, if {@code loader} cannot load Spark SQL
   */
  static void require(ClassLoader loader) {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new UsageException(HOW_TO_RUN, e);
    }
  }
}
