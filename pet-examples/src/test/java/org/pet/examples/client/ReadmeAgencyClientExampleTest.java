package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pet.examples.EmbeddedServer;

/** The README's "joining a round from Java" snippet, compiled and run against an embedded server. */
class ReadmeAgencyClientExampleTest {

  @Test
  void readmeSnippet_twoAgenciesJoinAndSeeTheSum() throws Exception {
    try (EmbeddedServer embedded = EmbeddedServer.start()) {
      URI server = embedded.uri();
      PetClient admin = embedded.admin();
      AgencyKeyFile police = AgencyKeyFile.generate("police");
      AgencyKeyFile council = AgencyKeyFile.generate("council");
      for (AgencyKeyFile identity : new AgencyKeyFile[] {police, council}) {
        admin.post("/v1/agencies", Map.of("id", identity.agency(), "publicKey", identity.publicKeyBase64()));
      }
      String round = admin.post("/v1/rounds", Map.of("participants", new String[] {"police", "council"},
          "threshold", 2, "vectorLength", 3)).get("id").asText();

      // README snippet starts
      AgencyClient me = new AgencyClient(server, "police", police.key());     // key from pet agency keygen
      CompletableFuture<AgencyClient.Outcome> other = CompletableFuture.supplyAsync(() ->
          new AgencyClient(server, "council", council.key()).join(round, new long[] {1, 2, 3}));
      AgencyClient.Outcome outcome = me.join(round, new long[] {10, 20, 30}); // blocks until the round ends
      long[] sum = outcome.sum();                                             // {11, 22, 33}
      // README snippet ends

      assertThat(sum).containsExactly(11, 22, 33);
      assertThat(other.get().sum()).containsExactly(11, 22, 33);
      assertThat(outcome.included()).containsExactly("police", "council");
      assertThat(outcome.privacy()).isNull();
    }
  }
}
