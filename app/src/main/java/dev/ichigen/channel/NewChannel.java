package dev.ichigen.channel;

import java.util.Map;

/**
 * Registering a store: {@code code} may be {@code null} (then {@code <platform>-<n>} is chosen);
 * {@code credentials} (may be empty) are the platform's secrets as the API receives them — checked,
 * encrypted and never shown again.
 */
public record NewChannel(Platform platform, String code, String name, Map<String, ?> credentials) {

    public NewChannel(Platform platform, String code, String name) {
        this(platform, code, name, Map.of());
    }

    @Override
    public String toString() {
        return "NewChannel[platform=" + platform + ", code=" + code + ", name=" + name + ", credentials="
                + (credentials == null ? "none" : credentials.keySet() + " (values hidden)") + "]";
    }
}
