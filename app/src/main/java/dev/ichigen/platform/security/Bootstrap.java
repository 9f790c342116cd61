package dev.ichigen.platform.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.ichigen.platform.ApiTokenManagement;
import dev.ichigen.platform.Role;
import dev.ichigen.platform.UserManagement;
import dev.ichigen.shared.ConflictException;

/**
 * First start: creates the {@code admin} user (password from {@code ICHIGEN_BOOTSTRAP_ADMIN_PASSWORD}, or
 * a random one printed once) and, when {@code ICHIGEN_BOOTSTRAP_TOKEN} is set and no admin token exists,
 * an admin API token with exactly that secret. Safe when several instances start at once: the
 * unique user name lets only one win.
 */
@Component
@Order(0)
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final UserManagement users;
    private final ApiTokenManagement tokens;
    private final String bootstrapToken;
    private final String adminPassword;

    Bootstrap(UserManagement users, ApiTokenManagement tokens,
            @Value("${ICHIGEN_BOOTSTRAP_TOKEN:${ichigen.bootstrap.token:}}") String bootstrapToken,
            @Value("${ICHIGEN_BOOTSTRAP_ADMIN_PASSWORD:${ichigen.bootstrap.admin-password:}}") String adminPassword) {
        this.users = users;
        this.tokens = tokens;
        this.bootstrapToken = bootstrapToken;
        this.adminPassword = adminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() == 0) {
            boolean generated = adminPassword.isBlank();
            String password = generated ? randomPassword() : adminPassword;
            try {
                users.create("admin", "管理者", Role.ADMIN, password);
                if (generated) {
                    log.warn("""

                            ==========================================================
                             ichigen: first start — console administrator created
                               user:     admin
                               password: {}
                             This password is shown once. Change it under ユーザー.
                            ==========================================================""", password);
                }
            } catch (ConflictException raceLostToAnotherInstance) {
                log.info("admin user was created by another instance");
            }
        }
        if (!bootstrapToken.isBlank() && !tokens.anyActiveAdminToken()) {
            try {
                tokens.issueWithSecret("bootstrap", Role.ADMIN, bootstrapToken);
                log.info("created the bootstrap admin API token from ICHIGEN_BOOTSTRAP_TOKEN");
            } catch (DuplicateKeyException raceLostToAnotherInstance) {
                log.info("bootstrap API token was created by another instance");
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
