package dev.ichigen.order.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.order.IntakeResult;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.OrderCheckSettings;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderQuery;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Orders over REST. Every role may read; ADMIN and OPERATOR take in and change orders.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "orders", description = "受注: intake (idempotent on the channel's order number), list and search, detail with "
        + "holds and the tax summary per rate, hold release, cancellation, re-check, check settings")
class OrderApi {

    private final OrderIntake intake;
    private final OrderManagement orders;
    private final OrderCheckSettings checkSettings;
    private final dev.ichigen.order.OrderRules rules;

    OrderApi(OrderIntake intake, OrderManagement orders, OrderCheckSettings checkSettings,
            dev.ichigen.order.OrderRules rules) {
        this.rules = rules;
        this.intake = intake;
        this.orders = orders;
        this.checkSettings = checkSettings;
    }

    record IntakeJson(String result, List<Change> changes, OrderJson.Detail order) {
    }

    record Change(String field, String before, String after) {
    }

    record ReleaseRequest(String note) {
    }

    record CancelRequest(String reason) {
    }

    record HoldRequest(String code, String detail) {
    }

    record PaymentRequest(String status, String note) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Take in an order (the shop's own site, integrators)",
            description = "Idempotent on (channel, channelOrderNumber). 201 Created with Location when new; 200 with "
                    + "result UNCHANGED (the same content again: nothing written), UPDATED (changes applied, listed in "
                    + "changes, re-checked, changed lines re-reserved) or CANCELLED (cancelled: true). An order already "
                    + "shipped or cancelled is not changed: 409 problem with result CONFLICT, the changes and holdId (a "
                    + "hold recording the conflict). Doubtful content (totals that differ, unmapped items, remarks…) is "
                    + "taken in and held, never refused. Unreadable or impossible values: 422 with errors[].field naming the "
                    + "JSON field (lines[2].quantity). Points (pointsUsed) and MALL_COUPON discounts are means of payment: "
                    + "they lower amountToCollect, not the taxable amount.")
    ResponseEntity<?> accept(@RequestBody OrderRequest body) {
        List<FieldError> errors = new ArrayList<>();
        NewOrder order = body.toNewOrder(errors);
        if (!errors.isEmpty()) {
            Set<String> named = new HashSet<>();
            errors.forEach(e -> named.add(e.field()));
            intake.validate(order).stream().filter(e -> !named.contains(e.field())).forEach(errors::add);
            throw new InvalidInputException(errors);
        }
        IntakeResult result = intake.accept(order);
        List<Change> changes = result.changes().stream().map(c -> new Change(c.field(), c.before(), c.after())).toList();
        if (result.outcome() == IntakeResult.Outcome.CONFLICT) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "受注 " + result.orderId() + " は"
                    + result.status().label() + "のため変更を反映していません。保留 " + result.conflictHoldId() + " に記録しました");
            p.setTitle("Order already " + result.status().name().toLowerCase(java.util.Locale.ROOT));
            p.setType(URI.create("https://ichigen.dev/problems/order-conflict"));
            p.setProperty("result", result.outcome().name());
            p.setProperty("orderId", result.orderId());
            p.setProperty("holdId", result.conflictHoldId());
            p.setProperty("changes", changes);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
        }
        IntakeJson json = new IntakeJson(result.outcome().name(), changes,
                detail(orders.get(result.orderId()), null));
        if (result.outcome() == IntakeResult.Outcome.CREATED) {
            return ResponseEntity.created(URI.create("/api/v1/orders/" + result.orderId())).body(json);
        }
        return ResponseEntity.ok(json);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
    @Operation(summary = "List and search orders, newest first",
            description = "channel + channelOrderNumber find an order by the channel's own identifier. status filters "
                    + "(NEW, ON_HOLD, AWAITING_PAYMENT, AWAITING_STOCK, READY_TO_SHIP, SHIPPED, CANCELLED or the Japanese "
                    + "label). q matches a whole word of the order number, the orderer's or a recipient's name, family or "
                    + "given name, kana (hiragana = katakana, half-width = full-width), phone number (any formatting) or "
                    + "e-mail. page is 0-based, size 1-500.")
    Page<OrderJson.Summary> list(@RequestParam(required = false) Long channel,
            @RequestParam(required = false) String channelOrderNumber, @RequestParam(required = false) String status,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        OrderStatus s = null;
        if (status != null && !status.isBlank() && (s = OrderStatus.parse(status)) == null) {
            throw new InvalidInputException("status", "受注ステータスが正しくありません: " + status);
        }
        return orders.search(new OrderQuery(channel, channelOrderNumber, s, q), page, size).map(OrderJson::summary);
    }

    @GetMapping("/counts")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
    @Operation(summary = "Orders per status and per channel and status",
            description = "Open statuses count every order; SHIPPED and CANCELLED count orders ordered since closedSince "
                    + "(30 days).")
    OrderJson.Counts counts() {
        return OrderJson.counts(orders.counts());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
    @Operation(summary = "One order",
            description = "Header, customer, destinations, lines with their SKU and allocation (state, warehouse), "
                    + "status, holds with the check or rule behind each (source, sourceRef; check = the check's name, "
                    + "rule = {id, name, version} for holds of order rules) and their resolution, appliedRules (the rule "
                    + "versions that matched and what they did), totals, the tax summary per rate (tax rounded down once "
                    + "per rate), history.")
    OrderJson.Detail get(@PathVariable long id) {
        return detail(orders.get(id), orders.history(id));
    }

    /** The order with the rule behind each rule hold and the rules applied to it. */
    private OrderJson.Detail detail(dev.ichigen.order.Order o, List<dev.ichigen.order.OrderHistoryEntry> history) {
        return OrderJson.of(o, history, rules.holdRules(o), rules.applied(o.id()));
    }

    @PostMapping("/{id}/holds/{holdId}/release")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Release a hold (保留解除) with a note",
            description = "The hold stays on record as RELEASED; the check does not raise it again unless the data it "
                    + "rested on changes. 409 when it is resolved already.")
    OrderJson.Detail release(@PathVariable long id, @PathVariable long holdId, @RequestBody(required = false) ReleaseRequest body) {
        orders.releaseHold(id, holdId, body == null ? null : body.note());
        return get(id);
    }

    @PostMapping("/{id}/holds")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Put the order on hold (code default MANUAL, detail says why)")
    OrderJson.Detail hold(@PathVariable long id, @RequestBody HoldRequest body) {
        orders.placeHold(id, body.code(), body.detail());
        return get(id);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Cancel the order (reservations released); 409 when shipped")
    OrderJson.Detail cancel(@PathVariable long id, @RequestBody(required = false) CancelRequest body) {
        orders.cancel(id, body == null ? null : body.reason());
        return get(id);
    }

    @PostMapping("/{id}/recheck")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Run the checks again (and allocate if not allocated)",
            description = "Holds whose cause is gone are resolved FIXED; lines whose channel item has been mapped get "
                    + "their SKU.")
    OrderJson.Detail recheck(@PathVariable long id) {
        orders.recheck(id);
        return get(id);
    }

    @PostMapping("/{id}/payment")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Record the payment status (入金確認, 与信, 返金…)",
            description = "status: NOT_REQUIRED, PENDING, AUTHORIZED, PAID, REFUNDED, FAILED. The checks run again: "
                    + "PAID/AUTHORIZED resolves the PAYMENT_PENDING hold.")
    OrderJson.Detail payment(@PathVariable long id, @RequestBody PaymentRequest body) {
        PaymentStatus status = body == null ? null : PaymentStatus.parse(body.status());
        if (status == null) {
            throw new InvalidInputException("status", "NOT_REQUIRED・PENDING・AUTHORIZED・PAID・REFUNDED・FAILED のいずれかです: "
                    + (body == null ? null : body.status()));
        }
        orders.updatePayment(id, status, body.note());
        return get(id);
    }

    @GetMapping("/check-settings")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "The intake checks with their settings (enabled, thresholds) and defaults")
    List<OrderCheckSettings.CheckSettings> checkSettings() {
        return checkSettings.list();
    }

    @PutMapping("/check-settings/{check}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Change settings of one check",
            description = "Body: {\"enabled\": false} or {\"thresholdYen\": 50000}; only the given keys change. Audited.")
    OrderCheckSettings.CheckSettings updateCheckSettings(@PathVariable String check, @RequestBody Map<String, Object> body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((k, v) -> values.put(k, v == null ? null : String.valueOf(v)));
        }
        return checkSettings.update(check, values);
    }
}
