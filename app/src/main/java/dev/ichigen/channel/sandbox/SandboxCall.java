package dev.ichigen.channel.sandbox;

import java.time.Instant;

/**
 * One API call a sandbox store received: when, which endpoint (the route's name, e.g. {@code searchOrder},
 * {@code inventories.bulk-upsert}), method and path, the status answered, how long it took, and the fault
 * injected if any. Admin calls ({@code /_sandbox/…}) are not recorded.
 */
public record SandboxCall(Instant at, String endpoint, String method, String path, int status, long millis, String fault) {
}
