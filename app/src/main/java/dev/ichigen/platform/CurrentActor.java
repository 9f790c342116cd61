package dev.ichigen.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The name recorded as "who" in the audit log and the stock ledger: the console user's name,
 * {@code token:<name>} for an API token, or {@code system} for scheduled work and start-up.
 */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static String name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            return "system";
        }
        return auth.getName();
    }
}
