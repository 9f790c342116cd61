package dev.ichigen.platform;

/** A freshly issued API token with its secret, to be shown to the user exactly once. */
public record IssuedToken(ApiToken token, String secret) {
}
