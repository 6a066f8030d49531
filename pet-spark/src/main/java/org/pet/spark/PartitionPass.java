package org.pet.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * An iterator over what a one-pass stage makes of a partition's rows: it feeds input rows to the stage only
 * until the stage has output ready, so Spark pulls results while the input streams through.
 */
final class PartitionPass implements Iterator<Row> {

  /** A stage that turns input rows into output rows, which it hands to its output as they are ready. */
  interface Stage {
    void add(Row input);

    /** Called once, after the last input row. */
    void finish();
  }

  private final Iterator<Row> input;
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  private final Stage stage;
  private boolean finished;

  /** @param stage creates the stage, given its output */
  PartitionPass(Iterator<Row> input, Function<Consumer<Row>, Stage> stage) {
    this.input = input;
    this.stage = stage.apply(ready::add);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !finished) {
      if (input.hasNext()) {
        stage.add(input.next());
      } else {
        stage.finish();
        finished = true;
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }
}
