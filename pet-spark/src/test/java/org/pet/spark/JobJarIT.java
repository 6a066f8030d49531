package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code pet-spark-job.jar}, checked after {@code package} built it (an integration test, run by
 * failsafe in {@code verify}): it starts {@link ReleaseJob} and leaves Spark, Scala and Netty to the cluster.
 */
class JobJarIT {

  @Test
  void jobJar_hasTheMainClassAndNoSparkInside() throws IOException {
    Path jar = Path.of("target", "pet-spark-job.jar");
    assertThat(jar).as("built by the package phase").exists();

    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(ReleaseJob.class.getName());
      assertThat(file.stream().map(e -> e.getName()))
          .contains("org/pet/spark/ReleaseJob.class", "org/pet/publish/ReleaseTable.class")
          .noneMatch(name -> name.startsWith("org/apache/spark/") || name.startsWith("scala/")
              || name.startsWith("io/netty/"));
    }
  }
}
