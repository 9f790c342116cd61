package dev.ichigen.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ichigen.order.OrderRule;
import dev.ichigen.order.RuleAction;
import dev.ichigen.order.RuleCondition;
import dev.ichigen.order.RuleDraft;
import dev.ichigen.shared.FieldError;

/**
 * The rule editor's form: one top-level group ({@code match} ALL/ANY) of up to N sub-groups, each with its own
 * match and rows {@code field op value}; and action rows shaped like the API's actions. Empty rows, groups and
 * actions are left out. Deeper nesting (possible over the API) cannot be shown here: {@link #editable} is false.
 */
public class OrderRuleForm {

    static final int GROUPS = 3;
    static final int ROWS = 4;
    static final int ACTIONS = 4;

    public static class Row {
        private String field;
        private String op;
        private String value;

        public String getField() { return field; }
        public void setField(String field) { this.field = field; }
        public String getOp() { return op; }
        public void setOp(String op) { this.op = op; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }

        boolean filled() {
            return field != null && !field.isBlank();
        }
    }

    public static class Group {
        private String match = RuleCondition.ALL;
        private List<Row> rows = new ArrayList<>();

        public String getMatch() { return match; }
        public void setMatch(String match) { this.match = match; }
        public List<Row> getRows() { return rows; }
        public void setRows(List<Row> rows) { this.rows = rows; }
    }

    public static class Action {
        private String type;
        private String code;
        private String reason;
        private String carrier;
        private String service;
        private String date;
        private String days;
        private String value;

        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason; }
        public String getCarrier() { return carrier; }
        public void setCarrier(String carrier) { this.carrier = carrier; }
        public String getService() { return service; }
        public void setService(String service) { this.service = service; }
        public String getDate() { return date; }
        public void setDate(String date) { this.date = date; }
        public String getDays() { return days; }
        public void setDays(String days) { this.days = days; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
    }

    private String name;
    private boolean enabled = true;
    private boolean stopAfterMatch;
    private String match = RuleCondition.ALL;
    private List<Group> groups = new ArrayList<>();
    private List<Action> actions = new ArrayList<>();
    private Integer n = 100;
    private boolean editable = true;
    /** API path of a condition or action → the form field it came from (to put messages next to it). */
    private final Map<String, String> paths = new LinkedHashMap<>();

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isStopAfterMatch() { return stopAfterMatch; }
    public void setStopAfterMatch(boolean stopAfterMatch) { this.stopAfterMatch = stopAfterMatch; }
    public String getMatch() { return match; }
    public void setMatch(String match) { this.match = match; }
    public List<Group> getGroups() { return groups; }
    public void setGroups(List<Group> groups) { this.groups = groups; }
    public List<Action> getActions() { return actions; }
    public void setActions(List<Action> actions) { this.actions = actions; }
    public Integer getN() { return n; }
    public void setN(Integer n) { this.n = n; }
    public boolean isEditable() { return editable; }

    /** Pads groups, rows and actions with empty ones so the editor shows free slots. */
    OrderRuleForm pad() {
        while (groups.size() < GROUPS) {
            groups.add(new Group());
        }
        for (Group g : groups) {
            while (g.rows.size() < ROWS) {
                g.rows.add(new Row());
            }
        }
        while (actions.size() < ACTIONS) {
            actions.add(new Action());
        }
        return this;
    }

    static OrderRuleForm of(OrderRule rule) {
        OrderRuleForm f = new OrderRuleForm();
        f.name = rule.name();
        f.enabled = rule.enabled();
        f.stopAfterMatch = rule.stopAfterMatch();
        RuleCondition top = rule.conditions();
        List<RuleCondition> children = top.isGroup() ? top.children() : List.of(top);
        f.match = top.isGroup() ? top.match() : RuleCondition.ALL;
        for (RuleCondition c : children) {
            Group g = new Group();
            List<RuleCondition> leaves = c.isGroup() ? c.children() : List.of(c);
            g.match = c.isGroup() ? c.match() : RuleCondition.ALL;
            for (RuleCondition leaf : leaves) {
                if (leaf.isGroup()) {
                    f.editable = false;
                    continue;
                }
                Row r = new Row();
                r.field = leaf.field();
                r.op = leaf.op();
                r.value = leaf.value();
                g.rows.add(r);
            }
            f.groups.add(g);
        }
        for (RuleAction a : rule.actions()) {
            Action x = new Action();
            x.type = a.type();
            x.code = a.code();
            x.reason = a.reason();
            x.carrier = a.carrier();
            x.service = a.service();
            x.date = a.date();
            x.days = a.days() == null ? null : String.valueOf(a.days());
            x.value = a.value();
            f.actions.add(x);
        }
        return f.pad();
    }

    /** The draft for the module; {@code errors} gets what the form itself can tell (a days value that is no number). */
    RuleDraft toDraft(List<FieldError> errors) {
        paths.clear();
        List<RuleCondition> children = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            List<RuleCondition> leaves = new ArrayList<>();
            for (int r = 0; r < group.rows.size(); r++) {
                Row row = group.rows.get(r);
                if (!row.filled()) {
                    continue;
                }
                paths.put("conditions.children[" + children.size() + "].children[" + leaves.size() + "]",
                        "groups[" + g + "].rows[" + r + "]");
                leaves.add(RuleCondition.leaf(row.field, blank(row.op), blank(row.value)));
            }
            if (!leaves.isEmpty()) {
                paths.put("conditions.children[" + children.size() + "]", "groups[" + g + "]");
                children.add(new RuleCondition(group.match, leaves, null, null, null));
            }
        }
        List<RuleAction> list = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a.type == null || a.type.isBlank()) {
                continue;
            }
            Integer days = null;
            if (a.days != null && !a.days.isBlank()) {
                try {
                    days = Integer.valueOf(a.days.strip());
                } catch (NumberFormatException e) {
                    errors.add(new FieldError("actions[" + i + "].days", "日数は整数で入力してください"));
                }
            }
            paths.put("actions[" + list.size() + "]", "actions[" + i + "]");
            list.add(new RuleAction(a.type, blank(a.code), blank(a.reason), blank(a.carrier), blank(a.service), blank(a.date),
                    days, blank(a.value)));
        }
        return new RuleDraft(name, enabled, stopAfterMatch, new RuleCondition(match, children, null, null, null), list);
    }

    /** The form field of an API path ({@code conditions.children[0].children[1].value} → {@code groups[0].rows[2].value}). */
    String formField(String apiPath) {
        String best = null;
        for (String p : paths.keySet()) {
            if ((apiPath.equals(p) || apiPath.startsWith(p + ".")) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        if (best == null) {
            return apiPath;
        }
        String rest = apiPath.substring(best.length());
        String field = paths.get(best) + rest;
        if (rest.isEmpty() && field.contains("rows[")) {
            field += ".field";
        }
        return field;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
