package org.pet.examples;

import org.pet.examples.client.PetClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --server URL} and {@code --token TOKEN} options (a picocli mixin) of commands that need a
 * bearer token: the administrator's, or an analyst's where the server accepts one (queries, budgets).
 * The token defaults to the environment variable {@value #TOKEN_VARIABLE}, so that it need not appear in
 * the shell history or the process list.
 */
public final class AdminOptions {

  /** The environment variable holding the administrator's bearer token. */
  public static final String TOKEN_VARIABLE = "PET_ADMIN_TOKEN";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Mixin
  private ServerOption server;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "The bearer token: the administrator's, or for queries an analyst's (default: the environment "
          + "variable " + TOKEN_VARIABLE + ").")
  private String token;

  /**
   * A client sending the token (validates the options; sends nothing).
   *
   * @throws UsageException if the address is invalid or no token is given
   */
  public PetClient client() {
    String effective = token != null ? token : PetCommand.environment(mixee).get(TOKEN_VARIABLE);
    if (effective == null || effective.isBlank()) {
      throw new UsageException("a bearer token is required: give --token or set " + TOKEN_VARIABLE);
    }
    return PetClient.admin(server.uri(), effective);
  }
}
