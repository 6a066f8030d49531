package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code pet-spark-job.jar}, when a previous {@code mvn package} built it (tests run before
 * packaging): it starts {@link ReleaseJob} and leaves Spark, Scala and Netty to the cluster.
 */
class JobJarTest {

  @Test
  void jobJar_hasTheMainClassAndNoSparkInside() throws IOException {
    Path jar = Path.of("target", "pet-spark-job.jar");
    assumeTrue(Files.exists(jar), "no pet-spark-job.jar yet; run mvn package");

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(ReleaseJob.class.getName());
      assertThat(file.stream().map(e -> e.getName()))
          .contains("org/pet/spark/ReleaseJob.class", "org/pet/publish/ReleaseTable.class")
          .noneMatch(name -> name.startsWith("org/apache/spark/") || name.startsWith("scala/")
              || name.startsWith("io/netty/"));
    }
  }
}
