package dev.ichigen.inventory;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Runs the ledger-vs-balance check ({@link InventoryManagement#checkConsistency()}) on a schedule with
 * db-scheduler: one execution per interval across the whole cluster (db-scheduler picks each due execution
 * with a database lock, so only one instance runs it). Drift is logged at ERROR with every row.
 * Interval: {@code ichigen.inventory.consistency-check-interval} (default 1 hour).
 */
@Configuration
class InventoryConsistencyCheck {

    static final String TASK_NAME = "inventory-consistency-check";
    private static final Logger log = LoggerFactory.getLogger(InventoryConsistencyCheck.class);

    @Bean
    RecurringTask<Void> inventoryConsistencyCheckTask(InventoryManagement inventory,
            @Value("${ichigen.inventory.consistency-check-interval:PT1H}") Duration interval) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(interval)).execute((instance, context) -> run(inventory));
    }

    static ConsistencyReport run(InventoryManagement inventory) {
        ConsistencyReport report = inventory.checkConsistency();
        if (report.consistent()) {
            log.info("inventory consistency check: {} balances match the ledger", report.balancesChecked());
        } else {
            StringBuilder rows = new StringBuilder();
            for (StockDrift d : report.drifts()) {
                rows.append(String.format("%n  %s @ %s: on hand ledger %d / balance %d, reserved ledger %d / balance %d / open reservations %d, locations %d",
                        d.sku(), d.warehouse(), d.ledgerOnHand(), d.balanceOnHand(), d.ledgerReserved(),
                        d.balanceReserved(), d.openReservations(), d.locationOnHand()));
            }
            log.error("INVENTORY DRIFT: {} of {} balances disagree with the stock ledger — stock figures are wrong until fixed:{}",
                    report.drifts().size(), report.balancesChecked(), rows);
        }
        return report;
    }
}
