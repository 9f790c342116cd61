package dev.ichigen.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every Spring test context a database of its own. {@code -Dichigen.test.db=postgresql} (the
 * second Surefire run in {@code ./mvnw verify}) uses the local PostgreSQL server with a fresh schema
 * that is dropped when the context closes; otherwise an in-memory H2 database in PostgreSQL mode.
 * The PostgreSQL server is {@code ICHIGEN_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static boolean postgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty("ichigen.test.db", "h2"));
    }

    public static String postgresBaseUrl() {
        String url = System.getenv("ICHIGEN_TEST_PG_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }

    public static String postgresUser() {
        String user = System.getenv("ICHIGEN_TEST_PG_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> props = new HashMap<>();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (postgres()) {
            String schema = "t_" + id;
            props.put("spring.datasource.url", postgresBaseUrl() + "?currentSchema=" + schema);
            props.put("spring.datasource.username", postgresUser());
            props.put("spring.datasource.password", "");
            props.put("spring.flyway.schemas", schema);
            props.put("spring.flyway.create-schemas", "true");
            props.put("db-scheduler.polling-strategy", "lock_and_fetch");
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    dropSchema(schema);
                }
            });
        } else {
            props.put("spring.datasource.url", "jdbc:h2:mem:" + id
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                    // a busy CI machine can make a second instance wait longer than H2's default for a row lock
                    // (the postal data loader holds one while it loads 124,000 rows)
                    + ";LOCK_TIMEOUT=60000");
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
            // H2 2.4.240 regression (h2database issues #4302, #4308): a CHECK (x IN (...)) constraint fails with "Check
            // constraint invalid … database has been closed" once the connection that created it (Flyway's) is closed.
            // The pool must never retire a connection: no idle eviction while a cached context is paused, no max lifetime.
            props.put("spring.datasource.hikari.minimum-idle", "${spring.datasource.hikari.maximum-pool-size:10}");
            props.put("spring.datasource.hikari.idle-timeout", "0");
            props.put("spring.datasource.hikari.max-lifetime", "0");
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ichigen-test-database", props));
    }

    private static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(postgresBaseUrl(), postgresUser(), "");
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
