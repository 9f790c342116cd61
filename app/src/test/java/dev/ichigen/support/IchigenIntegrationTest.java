package dev.ichigen.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full application on a random port against a database of its own (H2, or PostgreSQL with
 * {@code -Dichigen.test.db=postgresql}). The admin API token is {@link #ADMIN_TOKEN}; the console
 * user {@code admin} has password {@link #ADMIN_PASSWORD}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ichigen.bootstrap.token=" + IchigenIntegrationTest.ADMIN_TOKEN,
        "ichigen.bootstrap.admin-password=" + IchigenIntegrationTest.ADMIN_PASSWORD,
        "db-scheduler.enabled=false",
        // Spring keeps every test context (and its pool) alive for reuse: small pools that shrink when idle keep
        // a whole run far below PostgreSQL's default max_connections (100).
        "spring.datasource.hikari.maximum-pool-size=8",
        "spring.datasource.hikari.minimum-idle=1",
        "spring.datasource.hikari.idle-timeout=10000",
        "ichigen.credentials.key=" + IchigenIntegrationTest.CREDENTIALS_KEY,
        "spring.main.banner-mode=off",
        "logging.level.root=WARN",
        "logging.level.dev.ichigen=INFO" })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface IchigenIntegrationTest {

    String ADMIN_TOKEN = "test-admin-token-0123456789";
    String ADMIN_PASSWORD = "admin-password-123";

    /** Base64 of 32 bytes: the key channel credentials are encrypted with in tests. */
    String CREDENTIALS_KEY = "dGVzdC1rZXktZm9yLWNoYW5uZWwtY3JlZGVudGlhbHM=";
}
