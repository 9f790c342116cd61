package dev.ichigen.platform;

import java.time.Instant;

/** An API token as listed; the secret itself is shown once when issued and stored only as a hash. */
public record ApiToken(long id, String name, String hint, Role role, String createdBy, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
