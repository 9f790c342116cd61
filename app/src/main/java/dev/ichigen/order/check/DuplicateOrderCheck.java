package dev.ichigen.order.check;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.CheckSetting;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;

/**
 * 重複注文の疑い: another order (other order number, any channel, not cancelled) within
 * {@code windowHours} of this one by the same customer — same phone number (digits) or e-mail — sending the
 * same goods in the same quantities to the same address ({@link OrderSnapshot#duplicateKeys()}): an exact
 * index look-up per key, so many customers sending the same goods to one address (store pickup) cost nothing.
 */
@Component
class DuplicateOrderCheck implements OrderCheck {

    static final String WINDOW_HOURS = "windowHours";

    private final JdbcClient jdbc;

    DuplicateOrderCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return HoldReason.LIKELY_DUPLICATE;
    }

    @Override
    public String description() {
        return "同じお客様（電話番号かメール）が同じ届け先に同じ商品を短時間に注文していれば保留";
    }

    @Override
    public List<CheckSetting> settings() {
        return List.of(new CheckSetting(WINDOW_HOURS, "24", "前後この時間内の注文を比べる"));
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        List<String> keys = order.duplicateKeys();
        String byPhone = keys.get(0);
        String byEmail = keys.get(1);
        if (byPhone == null && byEmail == null) {
            return List.of();
        }
        Duration window = Duration.ofHours(context.longSetting(WINDOW_HOURS));
        Instant at = order.order().orderedAt();
        // one exact look-up per key (an OR over two indexed columns would scan the table on H2), both in one
        // statement (UNION ALL: one round trip per order instead of two); phone matches first, as before
        String one = "select id, channel_order_number, ordered_at, %d as k from sales_order where %s = :%s"
                + " and ordered_at between :from and :to and id <> :id and status <> 'CANCELLED' order by ordered_at, id limit 20";
        List<String> parts = new java.util.ArrayList<>(2);
        if (byPhone != null) {
            parts.add("(" + one.formatted(1, "dup_key_phone", "phone") + ")");
        }
        if (byEmail != null) {
            parts.add("(" + one.formatted(2, "dup_key_email", "email") + ")");
        }
        java.util.Set<String> duplicates = new java.util.LinkedHashSet<>(jdbc.sql("select id, channel_order_number from ("
                + String.join(" union all ", parts) + ") d order by k, ordered_at, id")
                .param("phone", byPhone == null ? "" : byPhone).param("email", byEmail == null ? "" : byEmail)
                .param("from", utc(at.minus(window))).param("to", utc(at.plus(window))).param("id", order.orderId())
                .query((rs, i) -> rs.getString(2) + "（受注 " + rs.getLong(1) + "）").list());
        if (duplicates.isEmpty()) {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.LIKELY_DUPLICATE,
                "重複注文の可能性: 同じお客様・届け先・商品の注文 " + String.join(", ", duplicates), String.join("\n", duplicates)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
