package dev.ichigen.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

/**
 * Waiting in tests for what the application does in the background (a webhook taken in, a stock push reaching a
 * sandbox store, a worker's pass): polls the condition until it holds or fails the test naming what it waited for.
 */
public final class Eventually {

    private Eventually() {
    }

    /** Waits up to 30 seconds. */
    public static void await(BooleanSupplier condition, String what) {
        await(condition, what, 30);
    }

    public static void await(BooleanSupplier condition, String what, int seconds) {
        Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
