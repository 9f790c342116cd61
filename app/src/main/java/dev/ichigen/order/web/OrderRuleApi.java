package dev.ichigen.order.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.order.OrderRule;
import dev.ichigen.order.OrderRuleVersion;
import dev.ichigen.order.OrderRules;
import dev.ichigen.order.RuleDraft;
import dev.ichigen.order.RuleDryRun;
import dev.ichigen.order.RuleReapplySummary;
import dev.ichigen.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * 受注処理ルール over REST. ADMIN and OPERATOR (the order clerks who maintain them) read and change rules;
 * WAREHOUSE does not. Every change is audited.
 */
@RestController
@RequestMapping("/api/v1/order-rules")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
@Tag(name = "order-rules", description = "受注処理ルール: conditions (groups ALL/ANY, leaves field op value) → actions "
        + "(HOLD, RELEASE, SET_CARRIER, SET_DELIVERY_DATE, CLEAR_DELIVERY_DATE, ADD_FLYER, ADD_TAG, SET_PLANNED_SHIP_DATE, SPLIT_BY_TEMPERATURE_ZONE), "
        + "run in position order on intake, channel updates and re-checks; versioned; dry run; re-apply")
class OrderRuleApi {

    private final OrderRules rules;

    OrderRuleApi(OrderRules rules) {
        this.rules = rules;
    }

    record EnabledRequest(Boolean enabled) {
    }

    record ReorderRequest(List<Long> ids) {
    }

    /** Either {@code rule} (unsaved) or {@code ruleId}; {@code n} = how many of the last orders (default 100). */
    record DryRunRequest(RuleDraft rule, Long ruleId, Integer n) {
    }

    @GetMapping
    @Operation(summary = "Rules in evaluation order", description = "includeArchived=true also lists deleted rules.")
    List<OrderRule> list(@RequestParam(defaultValue = "false") boolean includeArchived) {
        return rules.list(includeArchived);
    }

    @PostMapping
    @Operation(summary = "Create a rule (version 1, last in the evaluation order)",
            description = "Body: {name, enabled, stopAfterMatch, conditions, actions}. conditions is a group "
                    + "{match: ALL|ANY, children: [...]} or a leaf {field, op, value}; fields and operators: channel "
                    + "(in, notIn; channel ids), sku (equals, in, startsWith; any line), grandTotal / amountToCollect / "
                    + "lineCount / totalQuantity / previousOrders (>, >=, <, <=, =), prefecture (in, notIn; any ship-to), "
                    + "paymentMethod (in, notIn), remarks (contains, empty, notEmpty), deliveryDate (present, absent, "
                    + "withinDays), tags (has, hasNot), gift (present, absent). List values are comma-separated. Actions: "
                    + "{type: HOLD, code?, reason}, {type: RELEASE, code: \"A,B\"}, {type: SET_CARRIER, carrier, service?}, "
                    + "{type: SET_DELIVERY_DATE, date | days}, {type: CLEAR_DELIVERY_DATE}, {type: ADD_TAG|ADD_FLYER, value}, "
                    + "{type: SET_PLANNED_SHIP_DATE, days} (business days after the order date, by the business calendar), {type: SPLIT_BY_TEMPERATURE_ZONE}. 422 names the field, "
                    + "e.g. conditions.children[1].value.")
    ResponseEntity<OrderRule> create(@RequestBody RuleDraft body) {
        OrderRule rule = rules.create(body);
        return ResponseEntity.created(URI.create("/api/v1/order-rules/" + rule.id())).body(rule);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One rule (its current version)")
    OrderRule get(@PathVariable long id) {
        return rules.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Save a new version of a rule", description = "Same body as create; older versions stay.")
    OrderRule update(@PathVariable long id, @RequestBody RuleDraft body) {
        return rules.update(id, body);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete (archive) a rule", description = "It never runs again; orders keep naming it; its open "
            + "holds stay until released.")
    ResponseEntity<Void> delete(@PathVariable long id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/enabled")
    @Operation(summary = "Enable or disable a rule", description = "Body {\"enabled\": false}. A disabled rule's holds stay.")
    OrderRule enabled(@PathVariable long id, @RequestBody EnabledRequest body) {
        if (body == null || body.enabled() == null) {
            throw new InvalidInputException("enabled", "true か false を指定してください");
        }
        return rules.setEnabled(id, body.enabled());
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Every saved version of a rule, newest first")
    List<OrderRuleVersion> versions(@PathVariable long id) {
        return rules.versions(id);
    }

    @PostMapping("/reorder")
    @Operation(summary = "Set the evaluation order", description = "Body {\"ids\": [3, 1, 2]}: these first, in this order; "
            + "rules not named keep their order after them.")
    List<OrderRule> reorder(@RequestBody ReorderRequest body) {
        return rules.reorder(body == null ? null : body.ids());
    }

    @PostMapping("/dry-run")
    @Operation(summary = "What a rule would do to the last n orders (nothing is written)",
            description = "Body {\"rule\": {…unsaved rule…}, \"n\": 100} or {\"ruleId\": 5}. n 1-1000, default 100. "
                    + "Answers examined, matched and per order: matched and the actions it would take (\"（変更なし）\" "
                    + "when the order already is that way).")
    RuleDryRun dryRun(@RequestBody DryRunRequest body) {
        if (body == null || (body.rule() == null) == (body.ruleId() == null)) {
            throw new InvalidInputException("rule", "rule（保存前のルール）か ruleId のどちらか一方を指定してください");
        }
        return body.rule() != null ? rules.dryRun(body.rule(), body.n()) : rules.dryRun(body.ruleId(), body.n());
    }

    @PostMapping("/reapply")
    @Operation(summary = "Re-apply the rules (and checks) to every open order",
            description = "Open = not shipped, not cancelled; each order in its own transaction. Answers counts: examined, "
                    + "statusChanged, onHold, failed.")
    RuleReapplySummary reapply() {
        return rules.reapply();
    }
}
