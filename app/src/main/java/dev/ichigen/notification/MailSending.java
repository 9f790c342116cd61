package dev.ichigen.notification;

import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.ichigen.order.PersonalDataRetention;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP side of the outbox: claim → send → mark, each database step its own short (auto-committed) statement and the
 * SMTP call outside any transaction.
 *
 * <p><b>Sent once, never twice.</b> A mail is claimed ({@code SENDING}, with a lease of {@code ichigen.mail.lease}, default
 * 5 minutes — longer than the SMTP connect + read timeouts together) and that is committed <i>before</i> the SMTP call;
 * only after the server accepted the message is it marked {@code SENT}. If the process dies or hangs in between, the row
 * stays {@code SENDING}; when its lease has run out, the next pass (on any instance, after a restart too) makes it
 * {@code UNCERTAIN} (送信確認待ち) instead of sending it again, because the server may have accepted it. A person then
 * resends it or marks it sent ({@link CustomerMail#resend}, {@link CustomerMail#markSent}).
 *
 * <p><b>Failures.</b> Transient — connection refused or timed out, unknown host, an SMTP 4xx reply — go back to
 * {@code PENDING} with the next attempt after an exponential backoff ({@code ichigen.mail.first-backoff}, default 30 s,
 * doubling, at most 1 hour), until {@code ichigen.mail.max-attempts} (default 8) attempts, then {@code FAILED}. Permanent
 * — an SMTP 5xx reply (RFC 5321 §4.2.1: permanent negative completion), a malformed address — are {@code FAILED} at once.
 * The reason (the server's reply) is kept in {@code last_error}.
 *
 * <p><b>Encoding.</b> UTF-8 (subject RFC 2047 B-encoded, body base64 as JavaMail chooses for Japanese text), not
 * ISO-2022-JP: ISO-2022-JP (JIS X 0208) cannot carry characters common in customers' names and addresses — 髙, 﨑, 德
 * (IBM extensions), ①, 𠮷 — which would be lost or replaced; every current mail client in Japan (Gmail, iOS/Android mail,
 * Outlook, the carriers' mail apps) reads UTF-8.
 */
@Component
class MailSending {

    private static final Logger log = LoggerFactory.getLogger(MailSending.class);
    /** An SMTP reply code at the start of a server message: "550 5.1.1 ...", "451 4.3.0 ...". */
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5])\\d\\d[\\s-]");
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> smtp;
    private final PersonalDataRetention retention;
    private final Duration lease;
    private final Duration firstBackoff;
    private final int maxAttempts;
    private final String defaultFrom;

    MailSending(JdbcClient jdbc, Clock clock, ObjectProvider<JavaMailSender> smtp, PersonalDataRetention retention,
            @Value("${ichigen.mail.lease:PT5M}") Duration lease,
            @Value("${ichigen.mail.first-backoff:PT30S}") Duration firstBackoff,
            @Value("${ichigen.mail.max-attempts:8}") int maxAttempts,
            @Value("${spring.mail.username:}") String smtpUser) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.smtp = smtp;
        this.retention = retention;
        this.lease = lease;
        this.firstBackoff = firstBackoff;
        this.maxAttempts = maxAttempts;
        this.defaultFrom = validAddress(smtpUser) ? smtpUser : "noreply@localhost";
    }

    /** Sending SENDING rows whose lease ran out to UNCERTAIN; answers how many. */
    int expireLeases() {
        OffsetDateTime now = now();
        return jdbc.sql("""
                update mail_outbox set status = 'UNCERTAIN', lease_until = null, updated_at = :now,
                    last_error = '送信中に中断されました（受信者に届いたか不明のため自動では再送しません）'
                where status = 'SENDING' and lease_until < :now""").param("now", now).update();
    }

    /** Sends the due PENDING mails (at most 50); answers how many were tried. */
    int sendDueMails() {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("mails are sent outside database transactions");
        }
        List<OutboxMail> due = jdbc.sql(CustomerMail.selectOutbox()
                + " where status = 'PENDING' and next_attempt_at <= :now order by next_attempt_at, id limit 50")
                .param("now", now()).query(CustomerMail::outboxMail).list();
        int tried = 0;
        for (OutboxMail m : due) {
            if (claim(m)) {
                tried++;
                send(sender, m);
            }
        }
        return tried;
    }

    /** PENDING → SENDING with a lease, committed before the SMTP call; false when another pass was first. */
    private boolean claim(OutboxMail m) {
        OffsetDateTime now = now();
        return jdbc.sql("""
                update mail_outbox set status = 'SENDING', lease_until = :lease, attempts = attempts + 1, updated_at = :now
                where id = :id and status = 'PENDING' and next_attempt_at <= :now""")
                .param("lease", now.plus(lease)).param("now", now).param("id", m.id()).update() == 1;
    }

    private void send(JavaMailSender sender, OutboxMail m) {
        int attempt = m.attempts() + 1;
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            String[] from = from();
            mail.setFrom(new InternetAddress(from[0], from[1], StandardCharsets.UTF_8.name()));
            mail.setTo(new InternetAddress(m.toAddress(), true));
            mail.setSubject(m.subject());
            mail.setText(m.body(), false);
            message.setHeader("X-Ichigen-Mail-Id", String.valueOf(m.id()));
            message.setHeader("X-Ichigen-Mail-Kind", m.kind().name());
            sender.send(message); // the only step outside the database; nothing holds a transaction here
        } catch (AddressException e) {
            fail(m, "宛先が正しくありません: " + e.getMessage());
            return;
        } catch (MessagingException | UnsupportedEncodingException e) {
            fail(m, "メールを作れません: " + e.getMessage());
            return;
        } catch (MailException e) {
            Failure f = classify(e);
            if (f.permanent() || attempt >= maxAttempts) {
                fail(m, (f.permanent() ? "" : attempt + "回失敗: ") + f.reason());
            } else {
                retryLater(m, attempt, f.reason());
            }
            return;
        } catch (RuntimeException e) {
            log.warn("mail {} could not be sent", m.id(), e);
            if (attempt >= maxAttempts) {
                fail(m, attempt + "回失敗: " + e);
            } else {
                retryLater(m, attempt, e.toString());
            }
            return;
        }
        jdbc.sql("""
                update mail_outbox set status = 'SENT', sent_at = :now, lease_until = null, last_error = null, updated_at = :now
                where id = :id and status in ('SENDING', 'UNCERTAIN')""").param("now", now()).param("id", m.id()).update();
    }

    private void fail(OutboxMail m, String reason) {
        jdbc.sql("""
                update mail_outbox set status = 'FAILED', lease_until = null, last_error = :e, updated_at = :now
                where id = :id and status = 'SENDING'""").param("e", truncate(reason)).param("now", now()).param("id", m.id()).update();
    }

    private void retryLater(OutboxMail m, int attempt, String reason) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        OffsetDateTime now = now();
        jdbc.sql("""
                update mail_outbox set status = 'PENDING', lease_until = null, next_attempt_at = :next, last_error = :e, updated_at = :now
                where id = :id and status = 'SENDING'""").param("next", now.plus(wait)).param("e", truncate(reason))
                .param("now", now).param("id", m.id()).update();
    }

    /** Why sending failed, and whether trying again can help (see the class comment). */
    record Failure(boolean permanent, String reason) {
    }

    static Failure classify(MailException e) {
        List<Throwable> all = reachable(e);
        for (Throwable t : all) {
            if (t instanceof MessagingException && t.getMessage() != null) {
                // SMTP replies travel as the messages of Angus Mail's SMTP*Exception: the reply code comes first
                Matcher code = REPLY_CODE.matcher(t.getMessage());
                if (code.find()) {
                    return new Failure(code.group(1).equals("5"), "SMTP " + t.getMessage().strip());
                }
            }
        }
        for (Throwable t : all) {
            if (t instanceof AddressException) {
                return new Failure(true, "宛先が正しくありません: " + t.getMessage());
            }
        }
        for (Throwable t : all) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
                return new Failure(false, "SMTPサーバーに接続できません: " + t);
            }
        }
        if (e instanceof MailAuthenticationException) {
            return new Failure(true, "SMTP認証に失敗しました: " + e.getMessage());
        }
        return new Failure(false, "送信できません: " + e.getMessage());
    }

    /**
     * The exception, its causes, the per-message exceptions Spring keeps beside them ({@code MailSendException
     * #getFailedMessages}) and JavaMail's next exceptions — breadth first.
     */
    private static List<Throwable> reachable(Throwable e) {
        List<Throwable> seen = new java.util.ArrayList<>();
        java.util.ArrayDeque<Throwable> queue = new java.util.ArrayDeque<>(List.of(e));
        while (!queue.isEmpty() && seen.size() < 50) {
            Throwable t = queue.poll();
            if (t == null || seen.stream().anyMatch(x -> x == t)) {
                continue;
            }
            seen.add(t);
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            if (t instanceof org.springframework.mail.MailSendException mse) {
                queue.addAll(mse.getFailedMessages().values());
            }
            if (t instanceof MessagingException me && me.getNextException() != null) {
                queue.add(me.getNextException());
            }
        }
        return seen;
    }

    /** {@code [address, personal name]} of the sender: メール設定, else {@code spring.mail.username}, else noreply@localhost. */
    private String[] from() {
        return jdbc.sql("select from_address, from_name from mail_setting where id = 1")
                .query((rs, i) -> new String[] { rs.getString(1) == null ? defaultFrom : rs.getString(1), rs.getString(2) })
                .single();
    }

    // ------------------------------------------------------------------ retention

    /**
     * Outbox mails older than the order retention period ({@link PersonalDataRetention#retentionDays()}) lose their
     * address, subject and body (they can hold names, addresses and order contents); a mail not sent by then is
     * discarded (SKIPPED with the reason). Nothing happens while no period is set.
     */
    int anonymiseDue() {
        Integer days = retention.retentionDays();
        if (days == null) {
            return 0;
        }
        OffsetDateTime now = now();
        int n = jdbc.sql("""
                update mail_outbox set to_address = null, subject = :anon, body = '', anonymised_at = :now, updated_at = :now,
                    last_error = case when status in ('SENT', 'SKIPPED', 'FAILED') then last_error
                        else '保存期間を過ぎたため破棄（未送信）' end,
                    status = case when status in ('SENT', 'SKIPPED', 'FAILED') then status else 'SKIPPED' end,
                    next_attempt_at = null, lease_until = null
                where anonymised_at is null and status <> 'SENDING' and created_at < :before""")
                .param("anon", CustomerMail.ANONYMISED).param("now", now).param("before", now.minusDays(days)).update();
        if (n > 0) {
            log.info("personal data retention: {} outbox mails anonymised", n);
        }
        return n;
    }

    // ------------------------------------------------------------------ helpers

    static boolean validAddress(String address) {
        if (address == null || address.isBlank() || address.length() > 254) {
            return false;
        }
        try {
            InternetAddress a = new InternetAddress(address, true);
            return a.getAddress().contains("@");
        } catch (AddressException e) {
            return false;
        }
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }
}
