package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The SecAgg+ communication graph: k-regular, symmetric, connected, and a public function of the round id. */
class CommunicationGraphTest {

  private static List<String> agencies(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "a" + i).toList();
  }

  @Property(tries = 200)
  void harary_isKRegularSymmetricAndConnected(@ForAll @IntRange(min = 3, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 40) int halfK, @ForAll @StringLength(max = 20) String roundId) {
    int k = 2 * halfK;
    CommunicationGraph graph = CommunicationGraph.harary(agencies(n), k, roundId);
    int expectedDegree = Math.min(k, n - 1);
    assertThat(graph.degree()).isEqualTo(expectedDegree);
    for (String agency : graph.participants()) {
      assertThat(graph.neighbours(agency)).hasSize(expectedDegree).doesNotContain(agency);
      for (String neighbour : graph.neighbours(agency)) {
        assertThat(graph.neighbours(neighbour)).contains(agency);
      }
    }
    assertThat(reachable(graph, graph.participants().get(0))).hasSize(n);
  }

  private static Set<String> reachable(CommunicationGraph graph, String from) {
    Set<String> seen = new HashSet<>(List.of(from));
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      for (String next : graph.neighbours(queue.poll())) {
        if (seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  /** The test vector of docs/PROTOCOL.md section 4.1. */
  @Test
  void harary_reproducesTheProtocolTestVector() {
    List<String> ids = IntStream.rangeClosed(1, 10).mapToObj(i -> "agency-" + i).toList();
    int[] order = CommunicationGraph.shuffledIndices(10, "example-round");
    assertThat(IntStream.of(order).mapToObj(i -> ids.get(i)).toList()).containsExactly("agency-3", "agency-1",
        "agency-7", "agency-8", "agency-9", "agency-4", "agency-2", "agency-10", "agency-6", "agency-5");
    CommunicationGraph graph = CommunicationGraph.harary(ids, 4, "example-round");
    assertThat(graph.neighbours("agency-1")).containsExactly("agency-3", "agency-5", "agency-7", "agency-8");
    assertThat(graph.neighbours("agency-10")).containsExactly("agency-2", "agency-4", "agency-5", "agency-6");
  }

  @Test
  void harary_isAFunctionOfTheRoundId() {
    List<String> ids = agencies(50);
    CommunicationGraph first = CommunicationGraph.harary(ids, 6, "round-1");
    CommunicationGraph again = CommunicationGraph.harary(ids, 6, "round-1");
    CommunicationGraph other = CommunicationGraph.harary(ids, 6, "round-2");
    boolean differs = false;
    for (String id : ids) {
      assertThat(again.neighbours(id)).isEqualTo(first.neighbours(id));
      differs |= !other.neighbours(id).equals(first.neighbours(id));
    }
    assertThat(differs).as("another round id relabels the graph").isTrue();
  }

  @Test
  void shuffle_placesEachParticipantUniformly() {
    // Position of participant 0 among n = 5 over 20,000 round ids: each position expected 4,000 times,
    // sd 56.6; tolerance 6 sd. The round ids are fixed, so the test is deterministic.
    int[] counts = new int[5];
    for (int r = 0; r < 20_000; r++) {
      int[] order = CommunicationGraph.shuffledIndices(5, "round-" + r);
      for (int position = 0; position < 5; position++) {
        if (order[position] == 0) {
          counts[position]++;
        }
      }
    }
    for (int count : counts) {
      assertThat(count).isBetween(4000 - 340, 4000 + 340);
    }
  }

  @Test
  void largeDegree_isTheCompleteGraph() {
    CommunicationGraph graph = CommunicationGraph.harary(agencies(7), 6, "r");
    assertThat(graph.isComplete()).isTrue();
    assertThat(graph.neighbours("a3")).containsExactly("a1", "a2", "a4", "a5", "a6", "a7");
  }

  @Test
  void badArguments_rejected() {
    assertThatThrownBy(() -> CommunicationGraph.harary(agencies(10), 3, "r")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`neighbours` must be even and >= 2, was 3");
    assertThatThrownBy(() -> CommunicationGraph.harary(agencies(10), 0, "r")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommunicationGraph.harary(List.of("a", "b", "a"), 2, "r"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    assertThatThrownBy(() -> CommunicationGraph.harary(agencies(10), 4, "r").neighbours("x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown participant x");
  }
}
