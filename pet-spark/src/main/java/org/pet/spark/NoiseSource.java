package org.pet.spark;

import java.io.Serializable;
import org.pet.dp.GaussianNoise;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.MechanismType;
import org.pet.dp.Noise;

/**
 * Creates the {@link Noise} a release draws from, where it is used: pet-core's mechanisms are not
 * serializable, so the driver ships this factory and each executor task creates its own instances.
 * Production sources create mechanisms on the secure default randomness
 * ({@link org.pet.random.Randomness#secureNoiseSource()}); a test may pass its own (e.g. zero or seeded
 * noise) through {@code SparkDpQuery.Builder#noiseForTesting}.
 */
@FunctionalInterface
interface NoiseSource extends Serializable {

  Noise create();

  /**
   * The secure mechanism of the given type.
   *
   * @throws IllegalArgumentException unless {@code type} is LAPLACE or GAUSSIAN (the integer mechanisms
   *     cannot noise means and quantile trees' real-valued releases)
   */
  static NoiseSource secure(MechanismType type) {
    if (type == MechanismType.LAPLACE) {
      return LaplaceNoise::new;
    }
    if (type == MechanismType.GAUSSIAN) {
      return GaussianNoise::new;
    }
    throw Checks.invalid("noise", "LAPLACE or GAUSSIAN", type);
  }
}
