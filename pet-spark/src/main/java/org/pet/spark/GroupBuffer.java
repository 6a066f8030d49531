package org.pet.spark;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Spark's aggregation buffer for one group: a live {@link GroupState} while rows arrive, its bytes while
 * it travels between executors (Java serialization writes {@link GroupState#toBytes()}: pet-core
 * summaries, not pet-core objects), and a live state again, built lazily, once it has arrived.
 *
 * <p>Public only because Spark's Java-serialization encoder accepts public classes alone; it has no public
 * members and is no part of the API.
 */
public final class GroupBuffer implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient GroupState state;
  /** The state in transit: set by serialization, cleared when the state is rebuilt. */
  private byte[] bytes;

  GroupBuffer(GroupState state) {
    this.state = state;
  }

  /** The live state, rebuilt from its bytes (onto {@code empty}) if it has travelled. */
  GroupState state(Supplier<GroupState> empty) {
    if (state == null) {
      state = empty.get();
      state.mergeFrom(bytes);
      bytes = null;
    }
    return state;
  }

  /** Adds this buffer's state to {@code target}; this buffer is consumed. */
  void mergeInto(GroupState target) {
    if (state != null) {
      target.merge(state);
    } else {
      target.mergeFrom(bytes);
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    if (state != null) {
      bytes = state.toBytes();
      state = null;
    }
    out.defaultWriteObject();
  }
}
