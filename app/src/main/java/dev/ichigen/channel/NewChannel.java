package dev.ichigen.channel;

/** Registering a store: {@code code} may be {@code null} (then {@code <platform>-<n>} is chosen). */
public record NewChannel(Platform platform, String code, String name) {
}
