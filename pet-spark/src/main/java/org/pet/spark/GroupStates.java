package org.pet.spark;

import java.io.Serializable;
import org.pet.dp.Noise;

/**
 * Creates empty {@link GroupState}s for one query, wherever Spark runs them: each deserialized copy (one
 * per task) creates its own mechanisms once, one per output so that each keeps its calibration cached;
 * pet-core's mechanisms are thread-safe, and a task uses them from one thread.
 */
final class GroupStates implements Serializable {

  private static final long serialVersionUID = 1L;

  private final QuerySpec spec;
  private transient Noise[] noises;

  GroupStates(QuerySpec spec) {
    this.spec = spec;
  }

  QuerySpec spec() {
    return spec;
  }

  GroupState create() {
    if (noises == null) {
      noises = new Noise[spec.outputs().size()];
      for (int i = 0; i < noises.length; i++) {
        noises[i] = spec.noise().create();
      }
    }
    return spec.newGroupState(noises);
  }
}
