package org.pet.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The project's standard short JMH run, inherited by the benchmarks that extend this class (JMH's
 * run-configuration annotations are {@code @Inherited}): per-thread state, 3 warm-up and 5 measurement
 * iterations of one second each, one fork. Command-line options ({@code -wi -w -i -r -f}) still override
 * it. A subclass declares only what is its own: {@code @BenchmarkMode}, {@code @OutputTimeUnit} and its
 * benchmark methods.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class ShortRun {}
