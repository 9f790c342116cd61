package dev.ichigen.order.check;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * same goods in the same quantities to the same address ({@link OrderSnapshot#fingerprint()}). One indexed
 * look-up on the fingerprint; the customer is compared on the few rows found.
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
        String phone = digits(order.order().customer().phone());
        String email = lower(order.order().customer().email());
        if (phone.isEmpty() && email.isEmpty()) {
            return List.of();
        }
        Duration window = Duration.ofHours(context.longSetting(WINDOW_HOURS));
        Instant at = order.order().orderedAt();
        List<String> duplicates = new ArrayList<>();
        jdbc.sql("""
                select id, channel_id, channel_order_number, customer_phone, customer_email from sales_order
                where fingerprint = :f and ordered_at between :from and :to and id <> :id and status <> 'CANCELLED'
                order by ordered_at, id""")
                .param("f", order.fingerprint()).param("from", utc(at.minus(window))).param("to", utc(at.plus(window)))
                .param("id", order.orderId())
                .query(rs -> {
                    boolean samePhone = !phone.isEmpty() && phone.equals(digits(rs.getString(4)));
                    boolean sameEmail = !email.isEmpty() && email.equals(lower(rs.getString(5)));
                    if (samePhone || sameEmail) {
                        duplicates.add(rs.getString(3) + "（受注 " + rs.getLong(1) + "）");
                    }
                });
        if (duplicates.isEmpty()) {
            return List.of();
        }
        return List.of(new HoldReason(HoldReason.LIKELY_DUPLICATE,
                "重複注文の可能性: 同じお客様・届け先・商品の注文 " + String.join(", ", duplicates), String.join("\n", duplicates)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String digits(String s) {
        return s == null ? "" : java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC).replaceAll("\\D", "");
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
