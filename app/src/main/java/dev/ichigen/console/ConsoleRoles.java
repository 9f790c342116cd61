package dev.ichigen.console;

import java.util.Arrays;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.ichigen.platform.Role;

/**
 * Whether the signed-in user has one of some roles, for hiding buttons a controller would refuse anyway
 * (the refusal itself is {@code @PreAuthorize} on the handler, never this).
 */
final class ConsoleRoles {

    private ConsoleRoles() {
    }

    static boolean any(Role... roles) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return false;
        }
        return auth.getAuthorities().stream()
                .anyMatch(a -> Arrays.stream(roles).anyMatch(r -> r.authority().equals(a.getAuthority())));
    }

    /** ADMIN and OPERATOR change the product master; WAREHOUSE reads it. */
    static boolean canEditProducts() {
        return any(Role.ADMIN, Role.OPERATOR);
    }
}
