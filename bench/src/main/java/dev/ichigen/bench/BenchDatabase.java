package dev.ichigen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.ichigen.IchigenApplication;

/**
 * The database a benchmark trial runs against, and the application started on it: {@code h2} = a fresh file
 * database like the app's default (not in-memory), {@code postgresql} = a fresh schema on
 * {@code ICHIGEN_BENCH_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code ICHIGEN_BENCH_PG_USER} / {@code ICHIGEN_BENCH_PG_PASSWORD}). {@link #drop()} removes it afterwards.
 */
final class BenchDatabase {

    /** The PostgreSQL {@code application_name} of the benchmark's connections (to find their backends). */
    static final String APPLICATION_NAME = "ichigen-bench";

    private final String db;
    private final String synchronousCommit;
    private String pgSchema;
    private Path h2Dir;

    /** {@code synchronousCommit} (PostgreSQL only): {@code on}, or {@code off} to not wait for the WAL flush. */
    BenchDatabase(String db, String synchronousCommit) {
        this.db = db;
        this.synchronousCommit = synchronousCommit;
    }

    boolean isPostgresql() {
        return "postgresql".equals(db);
    }

    /** Starts the whole application on a new database, without scheduled jobs; drops the database if that fails. */
    ConfigurableApplicationContext start() throws IOException, SQLException {
        return start("--db-scheduler.enabled=false");
    }

    /** Starts the whole application on a new database with these extra arguments (they win over the defaults). */
    ConfigurableApplicationContext start(String... extraArgs) throws IOException, SQLException {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--ichigen.bootstrap.admin-password=bench-admin-password", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--spring.datasource.hikari.maximum-pool-size=20"));
        if (isPostgresql()) {
            pgSchema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            args.add("--spring.datasource.url=" + pgUrl() + "?currentSchema=" + pgSchema + "&ApplicationName=" + APPLICATION_NAME);
            args.add("--spring.datasource.username=" + pgUser());
            args.add("--spring.datasource.password=" + pgPassword());
            args.add("--spring.flyway.schemas=" + pgSchema);
            args.add("--spring.flyway.create-schemas=true");
            if (!"on".equals(synchronousCommit)) {
                args.add("--spring.datasource.hikari.connection-init-sql=set synchronous_commit to " + synchronousCommit);
            }
        } else {
            h2Dir = Files.createTempDirectory("ichigen-bench-h2");
            args.add("--spring.datasource.url=jdbc:h2:file:" + h2Dir.resolve("bench")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
            args.add("--spring.datasource.username=sa");
            args.add("--spring.datasource.password=");
        }
        args.addAll(List.of(extraArgs));
        // as command-line arguments: they override the application.properties inside the app jar
        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(IchigenApplication.class).run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            drop();
            throw e;
        }
        String url = app.getBean(JdbcTemplate.class).execute((Connection c) -> c.getMetaData().getURL());
        if (!url.contains(pgSchema != null ? pgSchema : h2Dir.toString())) {
            app.close();
            drop();
            throw new IllegalStateException("benchmark runs against the wrong database: " + url);
        }
        return app;
    }

    /** Drops the PostgreSQL schema or deletes the H2 files. */
    void drop() throws IOException, SQLException {
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword()); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + pgSchema + " cascade");
            }
        }
        if (h2Dir != null) {
            try (Stream<Path> files = Files.walk(h2Dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String pgUrl() {
        return env("ICHIGEN_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static String pgUser() {
        return env("ICHIGEN_BENCH_PG_USER", "postgres");
    }

    private static String pgPassword() {
        return env("ICHIGEN_BENCH_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
