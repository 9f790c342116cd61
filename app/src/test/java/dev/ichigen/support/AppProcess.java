package dev.ichigen.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The application as a separate operating-system process — the real main class on the test classpath — for fault
 * tests that kill it ({@code SIGKILL}) or run two instances on one PostgreSQL schema. Its output goes to a log file
 * under {@code target/} that a failing test names.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts an instance on the PostgreSQL schema {@code schema} (created by Flyway on first start) with the test
     * admin token, the test credentials key and a port of its own.
     */
    public static AppProcess start(String name, String schema, String... extraArgs) {
        int port = freePort();
        Path log = Path.of("target", "app-process-" + name + "-" + port + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "dev.ichigen.IchigenApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + TestDatabase.postgresBaseUrl() + "?currentSchema=" + schema,
                "--spring.datasource.username=" + TestDatabase.postgresUser(), "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true",
                "--db-scheduler.polling-strategy=lock_and_fetch",
                "--ichigen.bootstrap.token=" + IchigenIntegrationTest.ADMIN_TOKEN,
                "--ichigen.bootstrap.admin-password=" + IchigenIntegrationTest.ADMIN_PASSWORD,
                "--ichigen.credentials.key=" + IchigenIntegrationTest.CREDENTIALS_KEY,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.dev.ichigen=INFO"));
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(new File("target")).start();
            return new AppProcess(p, port, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the application", e);
        }
    }

    public int port() {
        return port;
    }

    public Api api() {
        return Api.admin(port);
    }

    /** Waits until the health endpoint answers UP. */
    public AppProcess awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(500);
        }
        throw new AssertionError("the application did not become healthy within " + timeout + "; see " + log.toAbsolutePath());
    }

    /** {@code SIGKILL}: no shutdown hook, no graceful stop, no flush — what the OOM killer or a power cut does. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** A normal stop ({@code SIGTERM}, graceful shutdown). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
