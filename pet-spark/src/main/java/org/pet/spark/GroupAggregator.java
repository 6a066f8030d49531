package org.pet.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pet.dp.Noise;
import org.pet.random.Randomness;

/**
 * The per-group aggregation, as a Spark {@link Aggregator}: Spark builds a {@link GroupState} per
 * (partition, group) from the bounded rows, ships partial states as pet-core summaries, merges them per
 * group, and calls {@link #finish} once per group on an executor, which selects the group and draws its
 * noise there - from mechanisms created on that executor ({@link NoiseSource}) and, for the selection coin,
 * {@link Randomness#secureNoiseSource()}.
 *
 * <p>Each deserialized copy (one per task) creates its own mechanisms, one per output so that each keeps
 * its calibration cached; pet-core's mechanisms are thread-safe, and a task uses them from one thread.
 */
final class GroupAggregator extends Aggregator<Row, GroupBuffer, Row> {

  private static final long serialVersionUID = 1L;

  private final QuerySpec spec;
  private transient Noise[] noises;

  GroupAggregator(QuerySpec spec) {
    this.spec = spec;
  }

  /** The aggregator's input row: see {@link GroupState}. */
  static StructType inputSchema(int values) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("first", DataTypes.BooleanType, false));
    fields.add(DataTypes.createStructField("marker", DataTypes.BooleanType, false));
    for (int i = 0; i < values; i++) {
      fields.add(DataTypes.createStructField("value" + i, DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(fields);
  }

  private GroupState newState() {
    if (noises == null) {
      noises = new Noise[spec.outputs().size()];
      for (int i = 0; i < noises.length; i++) {
        noises[i] = spec.noise().create();
      }
    }
    return spec.newGroupState(noises);
  }

  @Override
  public GroupBuffer zero() {
    return new GroupBuffer(newState());
  }

  @Override
  public GroupBuffer reduce(GroupBuffer buffer, Row input) {
    buffer.state(this::newState).add(input);
    return buffer;
  }

  @Override
  public GroupBuffer merge(GroupBuffer buffer, GroupBuffer other) {
    other.mergeInto(buffer.state(this::newState));
    return buffer;
  }

  @Override
  public Row finish(GroupBuffer buffer) {
    return buffer.state(this::newState).release(spec, Randomness.secureNoiseSource());
  }

  @Override
  public Encoder<GroupBuffer> bufferEncoder() {
    return Encoders.javaSerialization(GroupBuffer.class);
  }

  @Override
  public Encoder<Row> outputEncoder() {
    return Encoders.row(spec.releasedSchema());
  }
}
