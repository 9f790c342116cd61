package dev.ichigen.platform;

import java.time.Instant;

/** A console user (ユーザー). The password hash never leaves the platform module. */
public record AppUser(long id, String username, String displayName, Role role, boolean enabled, Instant createdAt) {
}
