package dev.ichigen.channel.connector;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;

/**
 * One daemon thread that runs passes of some work when woken ({@link #wake}) and at the latest every
 * {@code interval}: the engine of {@link StockSync} and {@link ShipmentWriteBack}. A pass answers whether more work
 * waits (then the next pass follows at once). A failed pass is logged and followed by {@code pauseAfterFailure}.
 *
 * <p>Stopping waits for the current pass and never interrupts the thread: an interrupt that lands inside a JDBC call
 * can make the embedded H2 database close itself (seen when Spring pauses a cached test context, which stops its
 * lifecycle beans).
 */
final class WakeableWorker {

    private final String name;
    private final Duration interval;
    private final Duration pauseAfterFailure;
    private final BooleanSupplier pass;
    private final Logger log;
    private final Object signal = new Object();
    private boolean woken;
    private volatile Thread thread;
    private volatile boolean running;

    WakeableWorker(String name, Duration interval, Duration pauseAfterFailure, BooleanSupplier pass, Logger log) {
        this.name = name;
        this.interval = interval;
        this.pauseAfterFailure = pauseAfterFailure;
        this.pass = pass;
        this.log = log;
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    void stop() {
        running = false;
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                synchronized (signal) {
                    if (!woken) {
                        signal.wait(interval.toMillis());
                    }
                    woken = false;
                }
                while (running && pass.getAsBoolean()) {
                    // more work waits: go on at once
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("{} pass failed", name, e);
                if (!pauseAfterFailure.isZero()) {
                    try {
                        Thread.sleep(pauseAfterFailure.toMillis());
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }
}
