package dev.ichigen.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.PaymentDue;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.payment.StatementLine.Candidate;
import dev.ichigen.payment.StatementLine.Reason;
import dev.ichigen.payment.StatementLine.State;
import dev.ichigen.payment.StatementUpload.LineError;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.CsvEncodingDetector;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;
import dev.ichigen.shared.csv.JapaneseText;
import dev.ichigen.shared.csv.UndecodableCsvException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 入金消込: matches the credits of a bank statement with the open bank-transfer orders (入金待ち).
 *
 * <ul>
 * <li><b>Confident</b> — exactly one open order whose amount to collect equals the credit and whose orderer name or
 * kana equals the payer name (normalised, {@link PayerName}), or whose order number appears in the payer name: the
 * payment is recorded as PAID ({@link OrderManagement#updatePayment}, which lifts the PAYMENT_PENDING hold) with a
 * note naming the statement line, in the same transaction as the line.</li>
 * <li><b>Unclear</b> — the amount fits but not the name, the name or number fits but not the amount, or several
 * orders fit: the line waits for a person (REVIEW) with its candidates ranked; the person confirms one or dismisses
 * the line. Both are audited and the confirmation is in the order's history.</li>
 * <li><b>No candidate</b> — UNMATCHED (a person may still match it to an order).</li>
 * </ul>
 * <b>Idempotent</b>: a line is identified by (account, date, amount, payer, n-th identical line of the statement);
 * uploading the same or an overlapping statement again finds its lines known and confirms nothing twice.
 */
@Service
public class BankReconciliation {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Candidate>> CANDIDATES = new TypeReference<>() {
    };
    private static final int MAX_CANDIDATES = 10;
    private static final Pattern AMOUNT_NOISE = Pattern.compile("[,¥\\\\円\\s+]");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuuMMdd"),
            DateTimeFormatter.ofPattern("uuuu年M月d日"), DateTimeFormatter.ofPattern("uuuu.M.d"));
    private static final DateTimeFormatter NOTE_DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    private final OrderManagement orders;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    BankReconciliation(OrderManagement orders, JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    private record Credit(long line, LocalDate date, long amount, String payer) {
    }

    /**
     * Reads a statement ({@code encoding} {@code null} = detect) with {@code layout}, stores its new credits under
     * {@code account} and matches them. Each credit is stored and matched in its own transaction. A file whose
     * columns cannot be found is refused (422 on {@code file}) before anything is stored.
     */
    public StatementUpload upload(CsvSource file, String account, StatementLayout layout, CsvEncoding encoding) {
        String acct = account == null || account.isBlank() ? "default" : account.strip();
        if (acct.length() > 100) {
            throw new InvalidInputException("account", "口座名は100文字以内です");
        }
        List<Credit> credits = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        int debits = 0;
        long rows = 0;
        String encodingLabel;
        try (CsvTableReader reader = encoding == null ? CsvTableReader.open(file)
                : CsvTableReader.open(CsvEncodingDetector.open(file, encoding), encoding)) {
            encodingLabel = reader.encoding().label();
            CsvRow header = reader.header();
            if (header == null) {
                throw new InvalidInputException("file", "ファイルが空です");
            }
            int date = column(header, layout.date(), "日付");
            int credit = column(header, layout.credit(), "入金額");
            int payer = column(header, layout.payer(), "振込依頼人名");
            int debit = optionalColumn(header, layout.debit());
            for (CsvRow row; (row = reader.next()) != null;) {
                rows++;
                String creditText = cell(row, credit);
                String debitText = debit < 0 ? null : cell(row, debit);
                Long amount = creditText == null ? null : amount(creditText);
                if (creditText != null && amount == null) {
                    errors.add(new LineError(row.line(), "入金額が読めません: " + creditText));
                    continue;
                }
                if (amount == null || amount <= 0 || (debitText != null && (amount(debitText) == null || amount(debitText) != 0))) {
                    debits++;
                    continue;
                }
                LocalDate day = date(cell(row, date));
                if (day == null) {
                    errors.add(new LineError(row.line(), "日付が読めません: " + cell(row, date)));
                    continue;
                }
                String name = cell(row, payer);
                credits.add(new Credit(row.line(), day, amount, name == null ? "" : truncate(JapaneseText.nfkc(name), 200)));
            }
        } catch (UndecodableCsvException | CsvTableReader.MalformedCsvException e) {
            throw new InvalidInputException("file", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PaymentDue> open = new ArrayList<>(orders.awaitingPayment(PaymentMethod.BANK_TRANSFER));
        Map<String, Integer> seqs = new HashMap<>();
        int known = 0, matched = 0, review = 0, unmatched = 0;
        for (Credit c : credits) {
            int seq = seqs.merge(c.date() + "|" + c.amount() + "|" + c.payer(), 1, Integer::sum);
            State state = tx.execute(status -> store(acct, c, seq, open));
            if (state == null) {
                known++;
            } else {
                switch (state) {
                    case MATCHED -> matched++;
                    case REVIEW -> review++;
                    default -> unmatched++;
                }
            }
        }
        return new StatementUpload(acct, encodingLabel, rows, credits.size(), debits, known, matched, review, unmatched,
                List.copyOf(errors));
    }

    /** Lines in {@code state} (all when {@code null}), newest statement date first; at most 500. */
    @Transactional(readOnly = true)
    public List<StatementLine> lines(State state) {
        String where = state == null ? "" : " where state = :state";
        var q = jdbc.sql("select * from bank_statement_line" + where + " order by booked_on desc, id desc limit 500");
        if (state != null) {
            q = q.param("state", state.name());
        }
        return q.query((rs, i) -> line(rs)).list();
    }

    @Transactional(readOnly = true)
    public StatementLine get(long lineId) {
        return jdbc.sql("select * from bank_statement_line where id = ?").param(lineId).query((rs, i) -> line(rs)).optional()
                .orElseThrow(() -> new NotFoundException("入金明細 " + lineId + " はありません"));
    }

    /**
     * A person confirms that line {@code lineId} pays order {@code orderId} (an open order waiting for payment);
     * {@code note} explains e.g. a difference in amount. The order becomes PAID; audited.
     */
    @Transactional
    public StatementLine match(long lineId, long orderId, String note) {
        StatementLine line = lockOpen(lineId);
        Order order = orders.get(orderId);
        if (order.paymentStatus() != PaymentStatus.PENDING || !order.status().open()) {
            throw new ConflictException("受注 %s は入金待ちではありません（%s・%s）".formatted(order.channelOrderNumber(),
                    order.status().label(), order.paymentStatus().label()));
        }
        long difference = line.amount() - order.totals().amountToCollect();
        String why = note == null || note.isBlank() ? null : truncate(note.strip(), 500);
        String text = "入金消込（担当者 " + CurrentActor.name() + "）: " + describe(line)
                + (difference == 0 ? "" : "、請求額との差額 %+,d円".formatted(difference)) + (why == null ? "" : "、" + why);
        orders.updatePayment(orderId, PaymentStatus.PAID, text);
        decide(lineId, State.MATCHED, orderId, "PERSON", truncate(text, 1000));
        audit.record("payment.reconciliation.match", "bank_statement_line", String.valueOf(lineId),
                "入金明細 %d を受注 %s に消込: %s".formatted(lineId, order.channelOrderNumber(), text),
                Map.of("state", line.state().name()), Map.of("state", State.MATCHED.name(), "orderId", orderId, "difference", difference));
        events.publishEvent(new PaymentConfirmed(orderId, line.amount(), lineId, false));
        return get(lineId);
    }

    /** A person marks line {@code lineId} as not an order payment (e.g. a refund, an interest credit); audited. */
    @Transactional
    public StatementLine dismiss(long lineId, String note) {
        StatementLine line = lockOpen(lineId);
        String why = note == null || note.isBlank() ? "受注の入金ではない" : truncate(note.strip(), 500);
        decide(lineId, State.DISMISSED, null, null, why);
        audit.record("payment.reconciliation.dismiss", "bank_statement_line", String.valueOf(lineId),
                "入金明細 %d（%s）を消込対象外に: %s".formatted(lineId, describe(line), why), Map.of("state", line.state().name()),
                Map.of("state", State.DISMISSED.name()));
        return get(lineId);
    }

    // ------------------------------------------------------------------ matching

    /** Stores a new credit and matches it; {@code null} when the line was known already. */
    private State store(String account, Credit c, int seq, List<PaymentDue> open) {
        PayerName payer = PayerName.of(c.payer());
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                insert into bank_statement_line (account, booked_on, amount, payer, seq, payer_key, state, file_line, uploaded_at)
                values (:account, :date, :amount, :payer, :seq, :key, 'UNMATCHED', :line, :now)
                on conflict do nothing""")
                .param("account", account).param("date", c.date()).param("amount", c.amount()).param("payer", c.payer())
                .param("seq", seq).param("key", truncate(payer.key(), 200)).param("line", c.line())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update(keys, "id");
        if (inserted == 0) {
            return null;
        }
        long id = keys.getKey().longValue();
        List<Candidate> candidates = candidates(c.amount(), payer, open);
        List<Candidate> confident = candidates.stream().filter(x -> x.amountMatches() && (x.nameMatches() || x.numberMatches()))
                .toList();
        if (confident.size() == 1) {
            Candidate winner = confident.getFirst();
            Order order = orders.get(winner.orderId());
            if (order.paymentStatus() == PaymentStatus.PENDING && order.status().open()) {
                StatementLine line = new StatementLine(id, account, c.date(), c.amount(), c.payer(), State.UNMATCHED, null,
                        List.of(), null, null, null, c.line(), now, null, null);
                String text = "入金消込（自動）: " + describe(line);
                orders.updatePayment(winner.orderId(), PaymentStatus.PAID, text);
                decide(id, State.MATCHED, winner.orderId(), "AUTO", text);
                open.removeIf(d -> d.orderId() == winner.orderId());
                events.publishEvent(new PaymentConfirmed(winner.orderId(), c.amount(), id, true));
                return State.MATCHED;
            }
        }
        if (candidates.isEmpty()) {
            return State.UNMATCHED;
        }
        Candidate top = candidates.getFirst();
        Reason reason = confident.size() > 1 || candidates.size() > 1 ? Reason.SEVERAL_CANDIDATES
                : top.amountMatches() ? Reason.NAME_DIFFERS : Reason.AMOUNT_DIFFERS;
        jdbc.sql("update bank_statement_line set state = 'REVIEW', reason = :reason, candidates = :candidates where id = :id")
                .param("reason", reason.name()).param("candidates", JSON.writeValueAsString(candidates)).param("id", id).update();
        return State.REVIEW;
    }

    /** Open orders the credit may pay, best first (then oldest order first), at most 10. */
    static List<Candidate> candidates(long amount, PayerName payer, List<PaymentDue> open) {
        Set<String> numbers = new HashSet<>(payer.numbers());
        List<Candidate> found = new ArrayList<>();
        for (PaymentDue d : open) {
            boolean amountMatches = d.amountToCollect() == amount;
            boolean nameMatches = !payer.key().isEmpty()
                    && (payer.key().equals(PayerName.key(d.customerKana())) || payer.key().equals(PayerName.key(d.customerName())));
            boolean numberMatches = !numbers.isEmpty() && (numbers.contains(PayerName.orderNumberKey(d.channelOrderNumber()))
                    || numbers.contains(PayerName.orderNumberKey(d.orderName())));
            if (amountMatches || nameMatches || numberMatches) {
                found.add(new Candidate(d.orderId(), d.channelOrderNumber(), d.orderName(), d.customerName(), d.customerKana(),
                        d.amountToCollect(), amount - d.amountToCollect(), amountMatches, nameMatches, numberMatches));
            }
        }
        // stable sort: open is oldest first, so equal scores stay oldest first
        found.sort(Comparator.comparingInt(Candidate::score).reversed());
        return found.size() > MAX_CANDIDATES ? List.copyOf(found.subList(0, MAX_CANDIDATES)) : List.copyOf(found);
    }

    // ------------------------------------------------------------------ helpers

    private StatementLine lockOpen(long lineId) {
        StatementLine line = jdbc.sql("select * from bank_statement_line where id = ? for update").param(lineId)
                .query((rs, i) -> line(rs)).optional()
                .orElseThrow(() -> new NotFoundException("入金明細 " + lineId + " はありません"));
        if (line.state() == State.MATCHED || line.state() == State.DISMISSED) {
            throw new ConflictException("入金明細 %d は処理済みです（%s）".formatted(lineId, line.state().name()));
        }
        return line;
    }

    private void decide(long id, State state, Long orderId, String by, String note) {
        jdbc.sql("""
                update bank_statement_line set state = :state, order_id = :order, matched_by = :by, note = :note,
                    decided_at = :now, decided_by = :actor where id = :id""")
                .param("state", state.name()).param("order", orderId).param("by", by).param("note", note)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("actor", CurrentActor.name())
                .param("id", id).update();
    }

    private static String describe(StatementLine line) {
        return "入金明細 #%d（%s %,d円 %s）".formatted(line.id(), line.bookedOn().format(NOTE_DATE), line.amount(), line.payer());
    }

    private static int column(CsvRow header, List<String> names, String what) {
        int i = optionalColumn(header, names);
        if (i < 0) {
            throw new InvalidInputException("file", what + "の列が見つかりません（見出し: " + String.join("・", names)
                    + " のいずれか。列名を指定してください）");
        }
        return i;
    }

    private static int optionalColumn(CsvRow header, List<String> names) {
        for (String name : names) {
            String k = headerKey(name);
            for (int i = 0; i < header.cells().size(); i++) {
                if (headerKey(header.cell(i)).equals(k)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String headerKey(String text) {
        return text == null ? "" : JapaneseText.nfkc(text).toLowerCase(Locale.ROOT).replaceAll("\\s", "");
    }

    private static String cell(CsvRow row, int index) {
        String c = row.cell(index);
        return c == null || c.isBlank() ? null : c.strip();
    }

    static Long amount(String text) {
        String t = AMOUNT_NOISE.matcher(JapaneseText.nfkc(text)).replaceAll("");
        if (t.isEmpty()) {
            return 0L;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        String t = JapaneseText.nfkc(text);
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException e) {
                // next
            }
        }
        return null;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static StatementLine line(ResultSet rs) throws SQLException {
        String candidates = rs.getString("candidates");
        String reason = rs.getString("reason");
        long order = rs.getLong("order_id");
        Long orderId = rs.wasNull() ? null : order;
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new StatementLine(rs.getLong("id"), rs.getString("account"), rs.getObject("booked_on", LocalDate.class),
                rs.getLong("amount"), rs.getString("payer"), State.valueOf(rs.getString("state")),
                reason == null ? null : Reason.valueOf(reason),
                candidates == null ? List.of() : JSON.readValue(candidates, CANDIDATES), orderId, rs.getString("matched_by"),
                rs.getString("note"), rs.getLong("file_line"), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("decided_by"));
    }
}
