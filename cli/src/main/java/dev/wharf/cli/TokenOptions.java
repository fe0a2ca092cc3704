package dev.wharf.cli;

import picocli.CommandLine.Option;

/** The token for a call that changes something (or reads what only an admin may). */
public final class TokenOptions {

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Token (default: $RUN_AUTH_TOKEN, else [registry].auth_token of run.toml).")
    String token;
}
