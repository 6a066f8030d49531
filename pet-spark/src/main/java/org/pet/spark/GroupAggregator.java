package org.pet.spark;

import java.util.List;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pet.random.Randomness;

/**
 * The per-group merge and release, as a Spark {@link Aggregator} over the partial states of
 * {@link PartialAggregation}: Spark merges a group's states (pet-core summaries), possibly in several
 * steps, and calls {@link #finish} once per group on an executor, which selects the group and draws its
 * noise there - from mechanisms created on that executor ({@link GroupStates}) and, for the selection coin,
 * {@link Randomness#secureNoiseSource()}. A null state (a public group's marker) adds nothing, so a listed
 * group absent from the data is released with noised zeros.
 */
final class GroupAggregator extends Aggregator<Row, GroupBuffer, Row> {

  private static final long serialVersionUID = 1L;
  static final String STATE = "_state";

  private final GroupStates states;

  GroupAggregator(GroupStates states) {
    this.states = states;
  }

  /** The aggregator's input row: one partial state's bytes, or null. */
  static StructType inputSchema() {
    return DataTypes.createStructType(List.of(DataTypes.createStructField(STATE, DataTypes.BinaryType, true)));
  }

  @Override
  public GroupBuffer zero() {
    return new GroupBuffer(states.create());
  }

  @Override
  public GroupBuffer reduce(GroupBuffer buffer, Row input) {
    if (!input.isNullAt(0)) {
      buffer.state(states::create).mergeFrom((byte[]) input.get(0));
    }
    return buffer;
  }

  @Override
  public GroupBuffer merge(GroupBuffer buffer, GroupBuffer other) {
    other.mergeInto(buffer.state(states::create));
    return buffer;
  }

  @Override
  public Row finish(GroupBuffer buffer) {
    QuerySpec spec = states.spec();
    return buffer.state(states::create).release(spec, Randomness.secureNoiseSource());
  }

  @Override
  public Encoder<GroupBuffer> bufferEncoder() {
    return Encoders.javaSerialization(GroupBuffer.class);
  }

  @Override
  public Encoder<Row> outputEncoder() {
    return Encoders.row(states.spec().releasedSchema());
  }
}
