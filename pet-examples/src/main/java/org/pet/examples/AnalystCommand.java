package org.pet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pet.server.auth.AnalystRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pet analyst register} (administrator): issues an analyst's own bearer token for DP queries. */
@Command(name = "analyst", description = "Researchers who query datasets at the secure access point.",
    subcommands = AnalystCommand.Register.class)
final class AnalystCommand {

  @Command(name = "register", description = {
      "Register an analyst and print their bearer token (administrator).",
      "The token is shown once; the server keeps only its SHA-256. The analyst passes it to pet query --token."})
  static final class Register implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AdminOptions admin;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The analyst's id (1-64 ASCII letters, digits, '.', '_' or '-'), e.g. r.khan.ons.")
    private String id;

    @Override
    public Integer call() {
      Inputs.require(AnalystRepository.validId(id), "--id",
          org.pet.server.http.Ids.DESCRIPTION + ", and not \"admin\"", "\"" + id + "\"");
      JsonNode analyst = admin.client().post("/v1/analysts", Map.of("id", id));
      PrintWriter out = spec.commandLine().getOut();
      out.println("registered analyst " + analyst.path("id").asText());
      out.println("token (shown once; give it to the analyst over a secure channel): " + analyst.path("token").asText());
      return 0;
    }
  }
}
