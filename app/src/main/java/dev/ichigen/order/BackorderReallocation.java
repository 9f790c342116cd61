package dev.ichigen.order;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.shared.Sku;

/**
 * 再引当: gives stock that became available to the orders waiting for it, oldest first.
 *
 * <p>Runs as ONE db-scheduler recurring task ({@value #TASK_NAME}, every
 * {@code ichigen.order.backorder-interval}, default 5 s): db-scheduler hands each due execution to exactly
 * one instance of the cluster, so queues are never worked on twice at once and FIFO holds across instances.
 * Each run takes the signals written so far (see {@link Backorders}), and for each signalled SKU walks its
 * queue oldest first, allocating each order in its own short transaction (order row locked, state
 * re-checked); an order that still cannot be completed stays in the queue and the next one is tried; the
 * walk stops when the SKU has nothing left. Then the signals it took are deleted — signals written during
 * the run stay for the next one. Correctness against overselling never depends on the single runner: that
 * is the inventory's conditional reservation.
 */
@Configuration
class BackorderReallocation {

    static final String TASK_NAME = "order-backorder-reallocation";
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(BackorderReallocation.class);

    private final Backorders backorders;
    private final OrderManagement orders;
    private final InventoryManagement inventory;
    private final TransactionTemplate tx;

    BackorderReallocation(Backorders backorders, OrderManagement orders, InventoryManagement inventory,
            PlatformTransactionManager transactions) {
        this.backorders = backorders;
        this.orders = orders;
        this.inventory = inventory;
        this.tx = new TransactionTemplate(transactions);
    }

    @Bean
    RecurringTask<Void> orderBackorderReallocationTask(
            @Value("${ichigen.order.backorder-interval:PT5S}") Duration interval) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(interval)).execute((instance, context) -> run());
    }

    /** One pass over the signalled SKUs; returns how many orders were allocated. */
    int run() {
        Long upTo = backorders.lastSignal();
        if (upTo == null) {
            return 0;
        }
        int allocated = 0;
        for (String sku : backorders.signalledSkus(upTo)) {
            allocated += reallocate(sku);
        }
        tx.executeWithoutResult(s -> backorders.consumeSignals(upTo));
        if (allocated > 0) {
            log.info("re-allocation: {} backordered orders allocated", allocated);
        }
        return allocated;
    }

    private int reallocate(String sku) {
        int allocated = 0;
        Backorders.Waiting after = null;
        while (true) {
            List<Backorders.Waiting> batch = backorders.waiting(sku, after, BATCH);
            for (Backorders.Waiting w : batch) {
                if (orders.allocateBackorder(w.orderId())) {
                    allocated++;
                } else if (inventory.stock(Sku.of(sku)).available() <= 0) {
                    return allocated; // nothing left of this SKU for the younger ones either
                }
            }
            if (batch.size() < BATCH) {
                return allocated;
            }
            after = batch.getLast();
        }
    }
}
