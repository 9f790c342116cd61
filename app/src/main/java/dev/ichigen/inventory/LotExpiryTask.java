package dev.ichigen.inventory;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * 期限切れ処理 every day at 00:05 Japan time (db-scheduler: once per cluster): lots whose expiry date has passed leave
 * sellable stock through {@link InventoryManagement#expireLots} (movement EXPIRED), so channels see the quantity go.
 */
@Configuration
class LotExpiryTask {

    static final String TASK_NAME = "inventory-lot-expiry";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final Logger log = LoggerFactory.getLogger(LotExpiryTask.class);

    @Bean
    RecurringTask<Void> inventoryLotExpiryTask(InventoryManagement inventory, Clock clock) {
        return Tasks.recurring(TASK_NAME, Schedules.daily(JAPAN, LocalTime.of(0, 5))).execute((instance, context) -> {
            long expired = inventory.expireLots(clock.instant().atZone(JAPAN).toLocalDate());
            if (expired > 0) {
                log.info("lot expiry: {} units of expired lots left sellable stock", expired);
            }
        });
    }
}
