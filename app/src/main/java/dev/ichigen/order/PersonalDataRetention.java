package dev.ichigen.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.InvalidInputException;

/**
 * 個人情報の保存期間 (personal data retention): a shipped or cancelled order whose last change is older than the
 * retention period loses its personal data — customer and recipients' names, kana, phone numbers, e-mail,
 * postal codes and street addresses (the prefecture stays, for statistics), remarks, のし, the channel's raw
 * content (its hash stays, so the same channel order sent again is still recognised as unchanged), the search
 * keys other than the order number and name, personal values in the order history, and hold details (also in
 * the history of holds and of channel changes that could not be applied). The order
 * itself — number, channel, dates, lines, amounts, tax summary, status — stays, as accounting needs it.
 *
 * <p>Off until a period is set ({@code PUT /api/v1/orders/retention}). A db-scheduler task
 * ({@code order-personal-data-retention}, every {@code ichigen.order.retention-interval}, default 6 h, one runner
 * cluster-wide) anonymises due orders in batches of 200, one transaction per batch. Not covered: the audit log
 * (append-only evidence; its entries can hold a hold's detail), bank statement lines (payment module) and the
 * channels' own copies.
 */
@Service
public class PersonalDataRetention {

    static final String TASK_NAME = "order-personal-data-retention";
    /** What replaces a name. */
    static final String ANONYMISED = "（匿名化済み）";
    private static final int BATCH = 200;
    /** History fields holding personal values (paths as in {@link FieldChange#field()}). */
    private static final List<String> PERSONAL_FIELDS = List.of("customer", "ordererAddress", "destinations", "remarks",
            "delivery.noshi");

    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    PersonalDataRetention(JdbcClient jdbc, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    @Bean
    RecurringTask<Void> orderPersonalDataRetentionTask(@Value("${ichigen.order.retention-interval:PT6H}") Duration interval) {
        return Tasks.recurring(TASK_NAME, FixedDelay.of(interval)).execute((instance, context) -> anonymiseDue());
    }

    /** The retention period in days, or {@code null} when personal data is kept. */
    @Transactional(readOnly = true)
    public Integer retentionDays() {
        return jdbc.sql("select retention_days from order_retention_setting where id = 1")
                .query((rs, i) -> rs.getObject(1, Integer.class)).optional().orElse(null);
    }

    /**
     * Sets the period (30–3650 days after an order was shipped or cancelled, judged by its last change) or turns
     * anonymisation off ({@code null}). Audited.
     */
    @Transactional
    public Integer updateRetentionDays(Integer days) {
        if (days != null && (days < 30 || days > 3650)) {
            throw new InvalidInputException("retentionDays", "保存期間は30〜3650日です（空欄で無期限）");
        }
        Integer before = retentionDays();
        jdbc.sql("update order_retention_setting set retention_days = :d, updated_at = :now where id = 1").param("d", days)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        Map<String, Object> was = new HashMap<>();
        was.put("retentionDays", before);
        Map<String, Object> is = new HashMap<>();
        is.put("retentionDays", days);
        audit.record("order.retention", "order-retention", "1",
                days == null ? "個人情報の保存期間を無期限に変更" : "個人情報の保存期間を " + days + " 日に変更", was, is);
        return days;
    }

    /** Anonymises every due order now; returns how many. Nothing happens while no period is set. */
    public int anonymiseDue() {
        Integer days = tx.execute(s -> retentionDays());
        if (days == null) {
            return 0;
        }
        Instant before = clock.instant().minus(Duration.ofDays(days));
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> anonymiseBatch(before));
            if (n == null || n == 0) {
                break;
            }
            total += n;
        }
        if (total > 0) {
            int count = total;
            tx.executeWithoutResult(s -> audit.record("order.anonymise", "order-retention", "1",
                    "保存期間を過ぎた受注 " + count + " 件の個人情報を匿名化", null, Map.of("orders", count)));
            log.info("personal data retention: {} orders anonymised", total);
        }
        return total;
    }

    private int anonymiseBatch(Instant before) {
        List<Long> ids = jdbc.sql("""
                select id from sales_order
                where anonymised_at is null and status in ('SHIPPED', 'CANCELLED') and updated_at < :before
                order by id limit :limit
                for update skip locked""").param("before", before.atOffset(ZoneOffset.UTC)).param("limit", BATCH)
                .query(Long.class).list();
        for (long id : ids) {
            anonymise(id);
        }
        return ids.size();
    }

    private void anonymise(long id) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        Map<String, Object> order = jdbc.sql("select channel_order_number, order_name from sales_order where id = :id")
                .param("id", id).query().singleRow();
        jdbc.sql("""
                update sales_order set customer_name = :anon, customer_kana = null, customer_email = null,
                    customer_phone = null, orderer_postal_code = null, orderer_city = null, orderer_street = null,
                    orderer_building = null, remarks = null, noshi = null, dup_key_phone = null, dup_key_email = null,
                    merge_key = null, channel_content = '', anonymised_at = :now
                where id = :id""").param("anon", ANONYMISED).param("now", now).param("id", id).update();
        jdbc.sql("""
                update order_destination set name = :anon, kana = null, phone = null, company = null, postal_code = null,
                    city = null, street = null, building = null
                where order_id = :id""").param("anon", ANONYMISED).param("id", id).update();
        jdbc.sql("delete from order_search_key where order_id = :id").param("id", id).update();
        for (String key : SearchKeys.numbers((String) order.get("channel_order_number"), (String) order.get("order_name"))) {
            jdbc.sql("insert into order_search_key (search_key, order_id) values (:k, :id)").param("k", key).param("id", id).update();
        }
        for (String field : PERSONAL_FIELDS) {
            jdbc.sql("""
                    update order_history set before_value = case when before_value is null then null else :anon end,
                        after_value = case when after_value is null then null else :anon end
                    where order_id = :id and (field = :field or field like :prefix)""")
                    .param("anon", ANONYMISED).param("id", id).param("field", field).param("prefix", field + "%").update();
        }
        // hold details (and their history rows, and unapplied channel changes) can quote names, addresses, remarks
        jdbc.sql("""
                update order_history set before_value = case when before_value is null then null else :anon end,
                    after_value = case when after_value is null then null else :anon end
                where order_id = :id and (kind like 'HOLD%' or kind = 'CONFLICT')""").param("anon", ANONYMISED).param("id", id).update();
        jdbc.sql("update order_hold set detail = :anon where order_id = :id").param("anon", ANONYMISED).param("id", id).update();
        jdbc.sql("""
                insert into order_history (order_id, occurred_at, actor, kind, field, before_value, after_value, note)
                values (:id, :now, 'system', 'ANONYMISED', null, null, null, '保存期間を過ぎたため個人情報を匿名化')""")
                .param("id", id).param("now", now).update();
    }
}
