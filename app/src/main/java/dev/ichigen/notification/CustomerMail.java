package dev.ichigen.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 顧客メール — the one entry point of the notification module: templates (shop default and per-channel overrides,
 * checked placeholders, preview), the mail settings, the outbox (list, resend, mark sent) and sending.
 *
 * <p>Outbox rows are written by {@code MailEvents} in the transaction of the event that causes them, unique per
 * kind + order + shipment. Sending ({@link #sendDue()}) runs outside any transaction: see {@code MailSending}.
 */
@Service
public class CustomerMail {

    static final String ANONYMISED = "（匿名化済み）";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomerMail.class);

    private final JdbcClient jdbc;
    private final OrderManagement orders;
    private final Shipments shipments;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> smtp;
    private final MailSending sending;
    private final TransactionTemplate tx;

    CustomerMail(JdbcClient jdbc, OrderManagement orders, Shipments shipments, AuditLog audit, Clock clock,
            ObjectProvider<JavaMailSender> smtp, MailSending sending, PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.orders = orders;
        this.shipments = shipments;
        this.audit = audit;
        this.clock = clock;
        this.smtp = smtp;
        this.sending = sending;
    }

    /** Whether an SMTP server is configured ({@code spring.mail.host}); without one mails are kept as HELD. */
    public boolean smtpConfigured() {
        return smtp.getIfAvailable() != null;
    }

    // ------------------------------------------------------------------ templates

    /** The shop's templates (one per kind) and every channel override, shop ones first. */
    @Transactional(readOnly = true)
    public List<MailTemplate> templates() {
        Map<MailKind, MailTemplate> shop = new EnumMap<>(MailKind.class);
        for (MailKind k : MailKind.values()) {
            shop.put(k, builtIn(k));
        }
        List<MailTemplate> overrides = new ArrayList<>();
        for (MailTemplate t : jdbc.sql(selectTemplate() + " order by kind, channel_id").query(CustomerMail::template).list()) {
            if (t.channelId() == null) {
                shop.put(t.kind(), t);
            } else {
                overrides.add(t);
            }
        }
        List<MailTemplate> all = new ArrayList<>(shop.values());
        all.addAll(overrides);
        return all;
    }

    /**
     * The template of {@code kind} for {@code channelId} ({@code null} = the shop's): the channel's own when it has one,
     * else the shop's (the built-in default until the shop saves its own).
     */
    @Transactional(readOnly = true)
    public MailTemplate template(MailKind kind, Long channelId) {
        if (channelId != null) {
            Optional<MailTemplate> own = jdbc.sql(selectTemplate() + " where kind = :k and channel_id = :c")
                    .param("k", kind.name()).param("c", channelId).query(CustomerMail::template).optional();
            if (own.isPresent()) {
                return own.get();
            }
        }
        return jdbc.sql(selectTemplate() + " where kind = :k and channel_id is null").param("k", kind.name())
                .query(CustomerMail::template).optional().orElseGet(() -> builtIn(kind));
    }

    /** Whether {@code channelId} has a template of its own for {@code kind}. */
    @Transactional(readOnly = true)
    public boolean hasOverride(MailKind kind, long channelId) {
        return jdbc.sql("select count(*) from mail_template where kind = :k and channel_id = :c").param("k", kind.name())
                .param("c", channelId).query(Long.class).single() > 0;
    }

    /**
     * Saves the template of {@code kind} for the shop ({@code channelId null}) or a channel. Every {@code {{…}}} must be
     * a variable of the fixed list that the kind offers (422 naming the placeholder otherwise); the text is stored as
     * typed and never evaluated. Audited.
     */
    @Transactional
    public MailTemplate saveTemplate(MailKind kind, Long channelId, String subject, String body, boolean enabled) {
        if (kind == null) {
            throw new InvalidInputException("kind", "メールの種類を指定してください");
        }
        String s = subject == null ? "" : subject.strip();
        String b = body == null ? "" : body.replace("\r\n", "\n");
        List<FieldError> errors = new ArrayList<>();
        if (s.isEmpty()) {
            errors.add(new FieldError("subject", "件名を入力してください"));
        } else if (s.length() > 300) {
            errors.add(new FieldError("subject", "件名は300文字以内です"));
        } else if (s.contains("\n") || s.contains("\r")) {
            errors.add(new FieldError("subject", "件名は1行で入力してください"));
        }
        if (b.isBlank()) {
            errors.add(new FieldError("body", "本文を入力してください"));
        } else if (b.length() > 20000) {
            errors.add(new FieldError("body", "本文は20000文字以内です"));
        }
        errors.addAll(MailText.check(kind, "subject", s));
        errors.addAll(MailText.check(kind, "body", b));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        lockSettings(); // serialises saves: (kind, null) cannot be kept unique by the constraint alone
        MailTemplate before = template(kind, channelId);
        OffsetDateTime now = now();
        int n = jdbc.sql("update mail_template set subject = :s, body = :b, enabled = :e, updated_at = :now, updated_by = :by"
                + " where kind = :k and " + (channelId == null ? "channel_id is null" : "channel_id = :c"))
                .param("s", s).param("b", b).param("e", enabled).param("now", now).param("by", CurrentActor.name())
                .param("k", kind.name()).param("c", channelId == null ? 0L : channelId).update();
        if (n == 0) {
            jdbc.sql("""
                    insert into mail_template (kind, channel_id, subject, body, enabled, updated_at, updated_by)
                    values (:k, :c, :s, :b, :e, :now, :by)""").param("k", kind.name()).param("c", channelId).param("s", s)
                    .param("b", b).param("e", enabled).param("now", now).param("by", CurrentActor.name()).update();
        }
        MailTemplate after = template(kind, channelId);
        audit.record("mail.template", "mail-template", kind.name() + (channelId == null ? "" : ":" + channelId),
                kind.label() + "メールのテンプレートを保存" + (channelId == null ? "（ショップ共通）" : "（チャネル " + channelId + "）"),
                Map.of("subject", before.subject(), "enabled", before.enabled()), Map.of("subject", s, "enabled", enabled));
        return after;
    }

    /** Removes a channel's own template (the shop's applies again), or returns the shop's to the built-in default. */
    @Transactional
    public MailTemplate resetTemplate(MailKind kind, Long channelId) {
        lockSettings();
        jdbc.sql("delete from mail_template where kind = :k and " + (channelId == null ? "channel_id is null" : "channel_id = :c"))
                .param("k", kind.name()).param("c", channelId == null ? 0L : channelId).update();
        audit.record("mail.template.reset", "mail-template", kind.name() + (channelId == null ? "" : ":" + channelId),
                kind.label() + "メールのテンプレートを" + (channelId == null ? "初期値に戻す" : "ショップ共通に戻す"), null, null);
        return template(kind, channelId);
    }

    /**
     * The mail a template would make — for an order ({@code orderId}; the shipped and follow-up variables from its latest
     * shipment, else samples) or for sample values. Errors in the text come back in {@code errors}, not as an exception,
     * so the editor can show them while typing.
     */
    @Transactional(readOnly = true)
    public Preview preview(MailKind kind, String subject, String body, Long orderId) {
        String s = subject == null ? "" : subject;
        String b = body == null ? "" : body.replace("\r\n", "\n");
        List<String> errors = new ArrayList<>();
        MailText.check(kind, "subject", s).forEach(e -> errors.add("件名: " + e.message()));
        MailText.check(kind, "body", b).forEach(e -> errors.add("本文: " + e.message()));
        Map<MailVariable, String> values = MailValues.samples();
        values.put(MailVariable.SHOP_NAME, shopName());
        String to = "customer@example.jp";
        if (orderId != null) {
            Order o = orders.get(orderId);
            values.putAll(MailValues.of(o, shopName()));
            List<Shipment> theirs = shipments.ofOrder(orderId);
            if (!theirs.isEmpty()) {
                MailValues.putShipment(values, theirs.getLast());
            }
            to = o.customer() == null ? null : o.customer().email();
        }
        return new Preview(to, MailText.oneLine(MailText.render(s, values)), MailText.render(b, values), errors);
    }

    /** A rendered preview: recipient (null when the order has no address), subject, body, problems in the text. */
    public record Preview(String to, String subject, String body, List<String> errors) {
    }

    // ------------------------------------------------------------------ settings

    @Transactional(readOnly = true)
    public MailSettings settings() {
        return jdbc.sql("select from_address, from_name, follow_up_days from mail_setting where id = 1")
                .query((rs, i) -> new MailSettings(rs.getString(1), rs.getString(2), rs.getInt(3))).single();
    }

    /** Sets the sender and the follow-up delay (1–90 days). Audited. */
    @Transactional
    public MailSettings updateSettings(MailSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        String from = settings.fromAddress() == null || settings.fromAddress().isBlank() ? null : settings.fromAddress().strip();
        String name = settings.fromName() == null || settings.fromName().isBlank() ? null : settings.fromName().strip();
        if (from != null && !MailSending.validAddress(from)) {
            errors.add(new FieldError("fromAddress", "差出人メールアドレスの形式が正しくありません"));
        }
        if (name != null && name.length() > 100) {
            errors.add(new FieldError("fromName", "差出人名は100文字以内です"));
        }
        if (settings.followUpDays() < 1 || settings.followUpDays() > 90) {
            errors.add(new FieldError("followUpDays", "フォローメールの日数は1〜90日です"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        MailSettings before = settings();
        jdbc.sql("update mail_setting set from_address = :f, from_name = :n, follow_up_days = :d, updated_at = :now where id = 1")
                .param("f", from).param("n", name).param("d", settings.followUpDays()).param("now", now()).update();
        MailSettings after = settings();
        audit.record("mail.settings", "mail-settings", "1", "メール設定を変更", before, after);
        return after;
    }

    String shopName() {
        String name = settings().fromName();
        return name == null ? "ショップ" : name;
    }

    private void lockSettings() {
        jdbc.sql("select id from mail_setting where id = 1 for update").query(Long.class).single();
    }

    // ------------------------------------------------------------------ outbox

    /** The outbox, newest first; {@code status} null = all. */
    @Transactional(readOnly = true)
    public List<OutboxMail> outbox(MailStatus status, Long orderId, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (status != null) {
            where.append(" and status = :st");
        }
        if (orderId != null) {
            where.append(" and order_id = :o");
        }
        var spec = jdbc.sql(selectOutbox() + where + " order by id desc limit :limit").param("limit", Math.clamp(limit, 1, 1000));
        if (status != null) {
            spec = spec.param("st", status.name());
        }
        if (orderId != null) {
            spec = spec.param("o", orderId);
        }
        return spec.query(CustomerMail::outboxMail).list();
    }

    @Transactional(readOnly = true)
    public OutboxMail mail(long id) {
        return jdbc.sql(selectOutbox() + " where id = :id").param("id", id).query(CustomerMail::outboxMail).optional()
                .orElseThrow(() -> new NotFoundException("メール " + id + " はありません"));
    }

    /** How many mails are in each status. */
    @Transactional(readOnly = true)
    public Map<MailStatus, Long> counts() {
        Map<MailStatus, Long> counts = new EnumMap<>(MailStatus.class);
        for (MailStatus s : MailStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("select status, count(*) from mail_outbox group by status")
                .query((rs, i) -> counts.put(MailStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /**
     * A person sends a HELD, FAILED or UNCERTAIN mail (again): it is PENDING for the next pass, with its attempts
     * reset. For an UNCERTAIN mail the person takes the risk that the customer gets it twice. Needs an SMTP server.
     */
    @Transactional
    public OutboxMail resend(long id) {
        OutboxMail m = mail(id);
        if (!smtpConfigured()) {
            throw new ConflictException("SMTPサーバーが設定されていないため送信できません（spring.mail.host）");
        }
        if (m.anonymisedAt() != null || m.toAddress() == null) {
            throw new ConflictException("メール " + id + " には宛先がありません");
        }
        int n = jdbc.sql("""
                update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now, lease_until = null, updated_at = :now
                where id = :id and status in ('HELD', 'FAILED', 'UNCERTAIN')""").param("now", now()).param("id", id).update();
        if (n == 0) {
            throw new ConflictException("メール " + id + " は" + m.status().label() + "のため送信し直せません");
        }
        audit.record("mail.resend", "mail", String.valueOf(id), m.kind().label() + "メール " + id + " を再送信", m.status().name(), "PENDING");
        return mail(id);
    }

    /** A person states that an UNCERTAIN (or HELD/FAILED) mail did reach the customer, or was sent by other means. */
    @Transactional
    public OutboxMail markSent(long id, String note) {
        OutboxMail m = mail(id);
        String why = note == null || note.isBlank() ? "担当者が送信済みにしました" : "担当者が送信済みにしました: " + note.strip();
        int n = jdbc.sql("""
                update mail_outbox set status = 'SENT', sent_at = :now, lease_until = null, last_error = :why, updated_at = :now
                where id = :id and status in ('HELD', 'FAILED', 'UNCERTAIN')""").param("now", now())
                .param("why", why.length() > 500 ? why.substring(0, 500) : why).param("id", id).update();
        if (n == 0) {
            throw new ConflictException("メール " + id + " は" + m.status().label() + "です");
        }
        audit.record("mail.mark-sent", "mail", String.valueOf(id), m.kind().label() + "メール " + id + " を送信済みにした", m.status().name(), "SENT");
        return mail(id);
    }

    /**
     * One pass of the sender: interrupted sends become UNCERTAIN, due follow-ups are written, due mails are sent (each
     * outside any transaction). Answers how many were tried. Run by the {@code notification-mail-sender} task.
     */
    public int sendDue() {
        sending.expireLeases();
        writeFollowUps();
        return sending.sendDueMails();
    }

    /**
     * フォローメール: for each shipped mail with an address written {@code followUpDays} ago or earlier — but not more than
     * 14 days before that, so enabling the follow-up later does not mail long-past customers —, the follow-up of the same
     * order and shipment, from the order as it stands now. Only for channels whose follow-up template is enabled.
     */
    int writeFollowUps() {
        MailTemplate shop = template(MailKind.FOLLOW_UP, null);
        List<Long> differing = jdbc.sql("select channel_id from mail_template where kind = 'FOLLOW_UP' and channel_id is not null and enabled = :e")
                .param("e", !shop.enabled()).query(Long.class).list();
        if (!shop.enabled() && differing.isEmpty()) {
            return 0;
        }
        OffsetDateTime due = now().minusDays(settings().followUpDays());
        String channels = differing.isEmpty() ? "" : shop.enabled() ? " and s.channel_id not in (:channels)" : " and s.channel_id in (:channels)";
        var spec = jdbc.sql("""
                select s.order_id, s.shipment_id from mail_outbox s
                where s.kind = 'SHIPPED' and s.status <> 'SKIPPED' and s.anonymised_at is null
                    and s.created_at <= :due and s.created_at > :from""" + channels + """
                    and not exists (select 1 from mail_outbox f where f.kind = 'FOLLOW_UP' and f.order_id = s.order_id
                        and f.shipment_id = s.shipment_id)
                order by s.id limit 200""").param("due", due).param("from", due.minusDays(14));
        if (!differing.isEmpty()) {
            spec = spec.param("channels", differing);
        }
        List<long[]> rows = spec.query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
        int written = 0;
        for (long[] r : rows) {
            try {
                tx.executeWithoutResult(st -> write(MailKind.FOLLOW_UP, r[0], shipments.find(Shipment.key(r[1])).orElse(null), Map.of()));
                written++;
            } catch (RuntimeException e) {
                // one order that cannot be read must not stop the sender: logged, tried again next pass
                log.warn("follow-up mail for order {} / shipment {} not written", r[0], r[1], e);
            }
        }
        return written;
    }

    /** Clears the address, subject and body of outbox mails older than the order retention period; answers how many. */
    public int anonymiseDue() {
        return sending.anonymiseDue();
    }

    // ------------------------------------------------------------------ writing (from MailEvents, in the event's transaction)

    /**
     * Writes the mail of {@code kind} for an order (and shipment) into the outbox, in the caller's transaction: nothing
     * when the template is disabled (or an order confirmation for an order that arrived cancelled); SKIPPED with the
     * reason when the order has no e-mail address; HELD when no SMTP server is configured; else PENDING. A second call
     * for the same kind + order + shipment writes nothing (unique key).
     */
    void write(MailKind kind, long orderId, Shipment shipment, Map<MailVariable, String> extra) {
        Order o = orders.get(orderId);
        if (kind == MailKind.ORDER_CONFIRMATION && o.status() == OrderStatus.CANCELLED) {
            return;
        }
        MailTemplate t = template(kind, o.channelId());
        if (!t.enabled()) {
            return;
        }
        Map<MailVariable, String> values = MailValues.of(o, shopName());
        if (shipment != null) {
            MailValues.putShipment(values, shipment);
        }
        values.putAll(extra);
        String to = o.customer() == null || o.customer().email() == null || o.customer().email().isBlank() ? null
                : o.customer().email().strip();
        MailStatus status = to == null ? MailStatus.SKIPPED : smtpConfigured() ? MailStatus.PENDING : MailStatus.HELD;
        String subject = MailText.oneLine(MailText.render(t.subject(), values));
        String body = MailText.render(t.body(), values);
        OffsetDateTime now = now();
        jdbc.sql("""
                insert into mail_outbox (dedup_key, kind, order_id, shipment_id, channel_id, order_number, to_address, subject,
                    body, status, attempts, next_attempt_at, last_error, created_at, updated_at)
                values (:key, :kind, :o, :s, :c, :n, :to, :subject, :body, :st, 0, :next, :err, :now, :now)
                on conflict do nothing""")
                .param("key", kind.name() + ":" + orderId + ":" + (shipment == null ? "-" : shipment.id()))
                .param("kind", kind.name()).param("o", orderId).param("s", shipment == null ? null : shipment.id())
                .param("c", o.channelId()).param("n", MailValues.orderNumber(o)).param("to", to)
                .param("subject", subject.length() > 1000 ? subject.substring(0, 1000) : subject)
                .param("body", body.length() > 40000 ? body.substring(0, 40000) : body).param("st", status.name())
                .param("next", status == MailStatus.PENDING ? now : null)
                .param("err", to == null ? "メールアドレスがありません" : null).param("now", now).update();
    }

    // ------------------------------------------------------------------ rows

    private static MailTemplate builtIn(MailKind kind) {
        return new MailTemplate(kind, null, kind.defaultSubject(), kind.defaultBody(), kind.enabledByDefault(), null, "初期値");
    }

    private static String selectTemplate() {
        return "select kind, channel_id, subject, body, enabled, updated_at, updated_by from mail_template";
    }

    private static MailTemplate template(ResultSet rs, int i) throws SQLException {
        long c = rs.getLong(2);
        return new MailTemplate(MailKind.valueOf(rs.getString(1)), rs.wasNull() ? null : c, rs.getString(3), rs.getString(4),
                rs.getBoolean(5), instant(rs, 6), rs.getString(7));
    }

    static String selectOutbox() {
        return """
                select id, kind, order_id, shipment_id, channel_id, order_number, to_address, subject, body, status, attempts,
                    next_attempt_at, last_error, created_at, updated_at, sent_at, anonymised_at from mail_outbox""";
    }

    static OutboxMail outboxMail(ResultSet rs, int i) throws SQLException {
        return new OutboxMail(rs.getLong(1), MailKind.valueOf(rs.getString(2)), longOrNull(rs, 3), longOrNull(rs, 4),
                longOrNull(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                MailStatus.valueOf(rs.getString(10)), rs.getInt(11), instant(rs, 12), rs.getString(13), instant(rs, 14),
                instant(rs, 15), instant(rs, 16), instant(rs, 17));
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }
}
