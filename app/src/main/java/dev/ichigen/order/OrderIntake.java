package dev.ichigen.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 受注取込: the one door every order comes in by — the own site's REST endpoint, CSV order files and the
 * channel connectors. Each call is one transaction.
 *
 * <p><b>Idempotent</b> on (channel, channel order number). The content the channel sent is kept in a
 * canonical form ({@code OrderContent}: sorted {@code path → value} pairs) with its SHA-256; the same
 * content again is UNCHANGED and writes nothing. Changed content on an order not yet shipped is UPDATED:
 * the changes are applied, each recorded in the history (field, before, after), the checks run again and
 * changed lines are reserved again. Values ichigen itself changes (payment status set by reconciliation,
 * the shipping plan) are kept unless the channel changes that same value. A shipped (or cancelled) order is
 * never changed silently: the change is recorded as a CHANNEL hold with the differences and the answer is
 * CONFLICT.
 *
 * <p><b>Concurrency</b>: the header is inserted with {@code ON CONFLICT DO NOTHING} on the unique
 * (channel, number) key, so two intakes of the same order at once make one row — the second waits for the
 * first to commit, then finds the row and treats its content as unchanged or an update. Should a database
 * still report a duplicate key or a lock conflict, the whole transaction is retried (at most 3 times).
 */
@Service
public class OrderIntake {

    private static final int ATTEMPTS = 3;

    private final OrderStore store;
    private final OrderProcessor processor;
    private final TransactionTemplate tx;
    private final Clock clock;

    OrderIntake(OrderStore store, OrderProcessor processor, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.processor = processor;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Takes in an order as the channel states it: CREATED, UNCHANGED, UPDATED, CANCELLED ({@code cancelled}
     * set) or CONFLICT. Input that cannot be stored is an {@link InvalidInputException} naming the JSON fields;
     * an unknown channel is one on {@code channel}.
     */
    public IntakeResult accept(NewOrder order) {
        NewOrder normalised = OrderNormaliser.normalise(order);
        return withRetry(() -> tx.execute(status -> acceptNormalised(normalised)));
    }

    /**
     * What would be refused in {@code order}, without taking it in (empty = it can be taken in): for importers
     * that report per row before importing. Field names as in {@link #accept}.
     */
    public List<FieldError> validate(NewOrder order) {
        try {
            OrderNormaliser.normalise(order);
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    /**
     * The channel cancelled the order: reservations are released and it becomes CANCELLED (CANCELLED; again:
     * UNCHANGED). A shipped order is not cancelled: CONFLICT, recorded as a hold.
     */
    public IntakeResult cancel(long channelId, String channelOrderNumber, String reason) {
        if (channelOrderNumber == null || channelOrderNumber.isBlank()) {
            throw new InvalidInputException("channelOrderNumber", "チャネルの注文番号を指定してください");
        }
        String why = reason == null || reason.isBlank() ? "チャネルでキャンセル" : Texts.truncate(reason.strip(), 500);
        return withRetry(() -> tx.execute(status -> {
            OrderStore.Header h = store.lockByNumber(channelId, channelOrderNumber.strip())
                    .orElseThrow(() -> new NotFoundException("チャネル %d の注文 %s はありません".formatted(channelId, channelOrderNumber)));
            return cancelled(h, why, clock.instant());
        }));
    }

    // ------------------------------------------------------------------ inside the transaction

    private IntakeResult acceptNormalised(NewOrder n) {
        Instant now = clock.instant();
        SortedMap<String, String> content = OrderContent.flatten(n);
        String text = OrderContent.text(content);
        String hash = OrderContent.hash(text);
        // insert first: most orders are new, and the unique key decides who creates it (no read-then-write)
        OrderTotals totals = OrderPricing.compute(n);
        Long id;
        try {
            id = store.insert(n, totals, hash, text, now);
        } catch (DuplicateKeyException e) {
            throw e; // a concurrent intake of the same order: retried, then found
        } catch (DataIntegrityViolationException e) {
            throw new InvalidInputException(List.of(new FieldError("channel", "販売チャネル " + n.channelId() + " は登録されていません")));
        }
        if (id != null) {
            return create(id, n, totals, hash, now);
        }
        Optional<OrderStore.Header> existing = store.lockByNumber(n.channelId(), n.channelOrderNumber());
        OrderStore.Header h = existing.orElseThrow();
        if (n.cancelled()) {
            return cancelled(h, "チャネルでキャンセル", now);
        }
        if (hash.equals(h.contentHash())) {
            return new IntakeResult(IntakeResult.Outcome.UNCHANGED, h.id(), h.status(), List.of(), null);
        }
        List<FieldChange> changes = OrderContent.diff(OrderContent.parse(store.channelContent(h.id())), content);
        if (changes.isEmpty()) {
            store.updateHash(h.id(), hash, text); // only the canonical form itself changed (e.g. a new optional field)
            return new IntakeResult(IntakeResult.Outcome.UNCHANGED, h.id(), h.status(), List.of(), null);
        }
        if (h.shipped()) {
            return conflict(h, HoldReason.CHANNEL_CHANGE_AFTER_SHIPMENT, "出荷済みの注文がチャネルで変更されました", changes, hash, now);
        }
        if (h.cancelled()) {
            return conflict(h, HoldReason.CHANNEL_CHANGE_AFTER_CANCELLATION, "キャンセル済みの注文がチャネルで変更されました", changes,
                    hash, now);
        }
        return update(h, n, changes, hash, text, now);
    }

    private IntakeResult create(long id, NewOrder n, OrderTotals totals, String hash, Instant now) {
        OrderStore.Header header = new OrderStore.Header(id, n.channelId(), n.channelOrderNumber(), n.orderedAt(),
                OrderStatus.NEW, n.paymentStatus(), AllocationState.NOT_ALLOCATABLE, null, null, null, null, null, hash, now,
                null, null, null, null);
        OrderState s = new OrderState(header, true);
        List<OrderSnapshot.Line> lines = processor.resolve(s, n, true);
        store.insertChildren(id, n, lines);
        s.lines = OrderProcessor.storedLines(lines, null);
        s.history("CREATED", null, null, null, "チャネル " + n.channelId() + " の注文 " + n.channelOrderNumber() + " を取込");
        if (n.cancelled()) {
            processor.cancel(s, "チャネルでキャンセル済みの注文として取込", now);
        } else {
            OrderSnapshot snapshot = new OrderSnapshot(id, true, n, lines, totals);
            processor.check(s, snapshot, now);
            processor.allocate(s, null, true);
        }
        processor.settle(s, now);
        return new IntakeResult(IntakeResult.Outcome.CREATED, id, s.status, List.of(), null);
    }

    private IntakeResult update(OrderStore.Header h, NewOrder channelSays, List<FieldChange> changes, String hash,
            String text, Instant now) {
        OrderState s = new OrderState(h, false);
        processor.loadHolds(s);
        Set<String> changedFields = new HashSet<>();
        changes.forEach(c -> changedFields.add(c.field()));
        // values ichigen may have changed itself are kept unless the channel changed that very value
        PaymentStatus payment = changedFields.contains("paymentStatus") ? channelSays.paymentStatus() : h.paymentStatus();
        ShippingPlan plan = changedFields.stream().anyMatch(f -> f.startsWith("shippingPlan."))
                ? channelSays.shippingPlan() : store.shippingPlan(h.id());
        NewOrder n = new NewOrder(channelSays.channelId(), channelSays.channelOrderNumber(), channelSays.orderName(),
                channelSays.orderedAt(), channelSays.customer(), channelSays.ordererAddress(), channelSays.destinations(),
                channelSays.lines(), channelSays.discounts(), channelSays.charges(), channelSays.pointsUsed(),
                channelSays.channelGrandTotal(), channelSays.paymentMethod(), payment, channelSays.delivery(),
                channelSays.remarks(), channelSays.tags(), channelSays.insertFlyers(), plan, false);
        OrderTotals totals = OrderPricing.compute(n);
        List<OrderStore.StoredLine> before = store.lines(h.id());
        List<OrderSnapshot.Line> lines = processor.resolve(s, n, true);
        store.updateContent(h.id(), n, totals, hash, text, now);
        Map<String, Integer> numbers = store.replaceChildren(h.id(), n, lines, before);
        s.lines = OrderProcessor.storedLines(lines, numbers);
        s.paymentStatus = n.paymentStatus();
        s.orderedAt = n.orderedAt();

        // lines whose SKU or quantity changed, or that are gone: their reservations go, changed ones come back
        Map<String, OrderStore.StoredLine> after = OrderProcessor.byKey(s.lines);
        List<Integer> release = new ArrayList<>();
        Set<Integer> reserveAgain = new HashSet<>();
        for (OrderStore.StoredLine b : before) {
            OrderStore.StoredLine a = after.get(b.lineKey());
            if (a == null) {
                release.add(b.lineNo());
            } else if (!java.util.Objects.equals(a.sku(), b.sku()) || a.quantity() != b.quantity()) {
                release.add(b.lineNo());
                reserveAgain.add(a.lineNo());
            }
        }
        Map<String, OrderStore.StoredLine> old = OrderProcessor.byKey(before);
        for (OrderStore.StoredLine a : s.lines) {
            if (!old.containsKey(a.lineKey())) {
                reserveAgain.add(a.lineNo());
            }
        }
        processor.releaseLines(s, release);
        for (FieldChange c : changes) {
            s.history("CHANGED", c.field(), c.before(), c.after(), "チャネルからの変更");
        }
        s.events.add(new OrderUpdated(h.id(), changes.stream().map(FieldChange::field).toList()));
        processor.check(s, new OrderSnapshot(h.id(), false, n, lines, totals), now);
        if (s.allocation == AllocationState.BACKORDERED && !s.orderedAt.equals(h.orderedAt())) {
            processor.leaveQueue(s); // its place in the queue moves with the order time
        }
        processor.allocate(s, reserveAgain, true);
        processor.settle(s, now);
        return new IntakeResult(IntakeResult.Outcome.UPDATED, h.id(), s.status, changes, null);
    }

    private IntakeResult cancelled(OrderStore.Header h, String reason, Instant now) {
        if (h.cancelled()) {
            return new IntakeResult(IntakeResult.Outcome.UNCHANGED, h.id(), h.status(), List.of(), null);
        }
        List<FieldChange> change = List.of(new FieldChange("cancelled", "false", "true"));
        if (h.shipped()) {
            return conflict(h, HoldReason.CHANNEL_CHANGE_AFTER_SHIPMENT, "出荷済みの注文がチャネルでキャンセルされました", change,
                    "cancelled", now);
        }
        OrderState s = new OrderState(h, false);
        processor.loadHolds(s);
        s.lines = store.lines(h.id());
        processor.cancel(s, reason, now);
        processor.settle(s, now);
        return new IntakeResult(IntakeResult.Outcome.CANCELLED, h.id(), s.status, change, null);
    }

    /**
     * Records that the channel changed an order we can no longer change: one CHANNEL hold per distinct change
     * (the same change delivered again finds its hold and writes nothing), with the differences in its detail
     * and the history. The order itself stays as it is.
     */
    private IntakeResult conflict(OrderStore.Header h, String code, String title, List<FieldChange> changes, String basis,
            Instant now) {
        String basisHash = Texts.sha256(basis);
        OrderState s = new OrderState(h, false);
        processor.loadHolds(s);
        Optional<OrderStore.HoldRow> recorded = s.holds.stream()
                .filter(x -> x.code().equals(code) && x.basisHash().equals(basisHash)).findFirst();
        if (recorded.isPresent()) {
            return new IntakeResult(IntakeResult.Outcome.CONFLICT, h.id(), h.status(), changes, recorded.get().id());
        }
        StringBuilder detail = new StringBuilder(title).append(": ");
        for (int i = 0; i < changes.size(); i++) {
            FieldChange c = changes.get(i);
            detail.append(i == 0 ? "" : "; ").append(c.field()).append(' ').append(c.before() == null ? "（なし）" : c.before())
                    .append(" → ").append(c.after() == null ? "（なし）" : c.after());
        }
        long holdId = store.insertHold(h.id(), code, detail.toString(), HoldSource.CHANNEL, "channel:" + h.channelId(), null,
                basisHash, now);
        s.holds.add(new OrderStore.HoldRow(holdId, code, detail.toString(), HoldSource.CHANNEL, "channel:" + h.channelId(),
                null, basisHash, true, null));
        s.history("CONFLICT", code, null, null, title + "（反映していません）");
        for (FieldChange c : changes) {
            s.history("CONFLICT", c.field(), c.before(), c.after(), "未反映");
        }
        s.lines = store.lines(h.id());
        s.events.add(new OrderHeld(h.id(), List.of(code)));
        processor.settle(s, now);
        return new IntakeResult(IntakeResult.Outcome.CONFLICT, h.id(), s.status, changes, holdId);
    }

    private static <T> T withRetry(Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
