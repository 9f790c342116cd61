package dev.ichigen.order;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.ichigen.shared.FieldError;

/**
 * Evaluating and validating rule conditions and actions: pure functions, no database. Validation names the
 * JSON path of every problem ({@code conditions.children[1].value}, {@code actions[0].carrier}).
 */
final class RuleConditions {

    static final int MAX_DEPTH = 4;
    static final int MAX_NODES = 100;
    static final int MAX_ACTIONS = 20;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,59}");
    private static final Pattern FREE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    private RuleConditions() {
    }

    // ------------------------------------------------------------------ evaluation

    static boolean matches(RuleCondition c, RuleSubject s, LocalDate today) {
        if (c == null) {
            return true;
        }
        if (c.isGroup()) {
            List<RuleCondition> children = c.children() == null ? List.of() : c.children();
            if (RuleCondition.ANY.equals(c.match())) {
                return children.stream().anyMatch(x -> matches(x, s, today));
            }
            return children.stream().allMatch(x -> matches(x, s, today));
        }
        RuleField field = RuleField.of(c.field()).orElseThrow();
        String op = c.op();
        String v = c.value() == null ? "" : c.value().strip();
        return switch (field) {
            case CHANNEL -> in(op, list(v).contains(String.valueOf(s.channelId)));
            case SKU -> switch (op) {
                case "equals" -> s.skus.stream().anyMatch(x -> x.equalsIgnoreCase(v));
                case "in" -> s.skus.stream().anyMatch(x -> list(v).stream().anyMatch(x::equalsIgnoreCase));
                default -> s.skus.stream().anyMatch(x -> x.toUpperCase(Locale.ROOT).startsWith(v.toUpperCase(Locale.ROOT)));
            };
            case GRAND_TOTAL -> compare(op, s.grandTotal, Long.parseLong(v));
            case AMOUNT_TO_COLLECT -> compare(op, s.amountToCollect, Long.parseLong(v));
            case LINE_COUNT -> compare(op, s.lineCount, Long.parseLong(v));
            case TOTAL_QUANTITY -> compare(op, s.totalQuantity, Long.parseLong(v));
            case PREVIOUS_ORDERS -> compare(op, s.previousOrders(), Long.parseLong(v));
            case PREFECTURE -> in(op, s.prefectures.stream().anyMatch(p -> list(v).stream().anyMatch(x -> samePrefecture(p, x))));
            case PAYMENT_METHOD -> in(op, s.paymentMethod != null && list(v).contains(s.paymentMethod.name()));
            case REMARKS -> switch (op) {
                case "empty" -> s.remarks == null || s.remarks.isBlank();
                case "notEmpty" -> s.remarks != null && !s.remarks.isBlank();
                default -> s.remarks != null && norm(s.remarks).contains(norm(v));
            };
            case DELIVERY_DATE -> switch (op) {
                case "present" -> s.deliveryDate != null;
                case "absent" -> s.deliveryDate == null;
                default -> s.deliveryDate != null && !s.deliveryDate.isAfter(today.plusDays(Long.parseLong(v)));
            };
            case TAGS -> "has".equals(op) == s.tags.contains(v);
            case GIFT -> "present".equals(op) == s.gift;
        };
    }

    /**
     * What the condition rests on for this order: the values of the fields it looks at. A rule hold a person
     * released is raised again only when this changes (like a check's basis).
     */
    static String basis(RuleCondition c, RuleSubject s) {
        java.util.TreeSet<String> fields = new java.util.TreeSet<>();
        collectFields(c, fields);
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f).append('=').append(value(RuleField.of(f).orElseThrow(), s)).append('\n');
        }
        return b.toString();
    }

    private static void collectFields(RuleCondition c, java.util.Set<String> fields) {
        if (c == null) {
            return;
        }
        if (c.isGroup()) {
            if (c.children() != null) {
                c.children().forEach(x -> collectFields(x, fields));
            }
        } else {
            fields.add(c.field());
        }
    }

    private static String value(RuleField f, RuleSubject s) {
        return switch (f) {
            case CHANNEL -> String.valueOf(s.channelId);
            case SKU -> String.join(",", new java.util.TreeSet<>(s.skus));
            case GRAND_TOTAL -> String.valueOf(s.grandTotal);
            case AMOUNT_TO_COLLECT -> String.valueOf(s.amountToCollect);
            case LINE_COUNT -> String.valueOf(s.lineCount);
            case TOTAL_QUANTITY -> String.valueOf(s.totalQuantity);
            case PREVIOUS_ORDERS -> String.valueOf(s.previousOrders());
            case PREFECTURE -> String.join(",", new java.util.TreeSet<>(s.prefectures));
            case PAYMENT_METHOD -> String.valueOf(s.paymentMethod);
            case REMARKS -> s.remarks == null ? "" : s.remarks;
            case DELIVERY_DATE -> String.valueOf(s.deliveryDate);
            case TAGS -> String.join(",", new java.util.TreeSet<>(s.tags));
            case GIFT -> String.valueOf(s.gift);
        };
    }

    private static boolean in(String op, boolean found) {
        return "notIn".equals(op) ? !found : found;
    }

    private static boolean compare(String op, long actual, long expected) {
        return switch (op) {
            case ">" -> actual > expected;
            case ">=" -> actual >= expected;
            case "<" -> actual < expected;
            case "<=" -> actual <= expected;
            default -> actual == expected;
        };
    }

    /** 東京 = 東京都, 大阪 = 大阪府; 北海道 as is. */
    private static boolean samePrefecture(String actual, String wanted) {
        String a = norm(actual);
        String w = norm(wanted);
        return a.equals(w) || a.equals(w + "都") || a.equals(w + "府") || a.equals(w + "県");
    }

    static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String part : v.split("[,、，]")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static String norm(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    }

    // ------------------------------------------------------------------ validation

    static List<FieldError> validate(RuleDraft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("name", "ルール名を入力してください"));
        } else if (d.name().strip().length() > 100) {
            errors.add(new FieldError("name", "ルール名は100文字以内です"));
        }
        if (d.conditions() == null) {
            errors.add(new FieldError("conditions", "条件を指定してください"));
        } else {
            validate(d.conditions(), "conditions", 1, new int[] { 0 }, errors);
        }
        if (d.actions() == null || d.actions().isEmpty()) {
            errors.add(new FieldError("actions", "処理を1つ以上指定してください"));
        } else if (d.actions().size() > MAX_ACTIONS) {
            errors.add(new FieldError("actions", "処理は" + MAX_ACTIONS + "個までです"));
        } else {
            for (int i = 0; i < d.actions().size(); i++) {
                validate(d.actions().get(i), "actions[" + i + "]", errors);
            }
        }
        return errors;
    }

    private static void validate(RuleCondition c, String path, int depth, int[] nodes, List<FieldError> errors) {
        if (++nodes[0] > MAX_NODES) {
            if (nodes[0] == MAX_NODES + 1) {
                errors.add(new FieldError(path, "条件は" + MAX_NODES + "個までです"));
            }
            return;
        }
        if (c == null) {
            errors.add(new FieldError(path, "空の条件です"));
            return;
        }
        if (c.isGroup()) {
            if (c.field() != null || c.op() != null || c.value() != null) {
                errors.add(new FieldError(path, "グループ（match/children）と比較（field/op/value）は同時に指定できません"));
            }
            if (!RuleCondition.ALL.equals(c.match()) && !RuleCondition.ANY.equals(c.match())) {
                errors.add(new FieldError(path + ".match", "ALL（すべて満たす）か ANY（いずれかを満たす）を指定してください"));
            }
            if (depth > MAX_DEPTH) {
                errors.add(new FieldError(path, "グループの入れ子は" + MAX_DEPTH + "段までです"));
                return;
            }
            if (c.children() == null || c.children().isEmpty()) {
                errors.add(new FieldError(path + ".children", "グループに条件を1つ以上入れてください"));
                return;
            }
            for (int i = 0; i < c.children().size(); i++) {
                validate(c.children().get(i), path + ".children[" + i + "]", depth + 1, nodes, errors);
            }
            return;
        }
        var field = RuleField.of(c.field());
        if (field.isEmpty()) {
            errors.add(new FieldError(path + ".field", "不明な項目です: " + c.field()));
            return;
        }
        RuleField f = field.get();
        if (c.op() == null || !f.operators().contains(c.op())) {
            errors.add(new FieldError(path + ".op", "%s に使える演算子は %s です: %s".formatted(f.label(),
                    String.join(" ", f.operators()), c.op())));
            return;
        }
        String v = c.value() == null ? "" : c.value().strip();
        if (RuleField.valueless(c.op())) {
            return;
        }
        String vp = path + ".value";
        if (v.isEmpty()) {
            errors.add(new FieldError(vp, f.label() + " の値を入力してください"));
            return;
        }
        if (v.length() > 1000) {
            errors.add(new FieldError(vp, "値は1000文字以内です"));
            return;
        }
        switch (f) {
            case GRAND_TOTAL, AMOUNT_TO_COLLECT, LINE_COUNT, TOTAL_QUANTITY, PREVIOUS_ORDERS, DELIVERY_DATE -> {
                if (!v.matches("[0-9]{1,12}")) {
                    errors.add(new FieldError(vp, f.label() + " の値は0以上の整数です: " + v));
                }
            }
            case CHANNEL -> {
                for (String x : list(v)) {
                    if (!x.matches("[0-9]{1,18}")) {
                        errors.add(new FieldError(vp, "販売チャネルは ID（数字）をカンマ区切りで指定してください: " + x));
                        break;
                    }
                }
            }
            case PAYMENT_METHOD -> {
                for (String x : list(v)) {
                    try {
                        PaymentMethod.valueOf(x);
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(vp, "不明な支払方法です: " + x));
                        break;
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void validate(RuleAction a, String path, List<FieldError> errors) {
        if (a == null) {
            errors.add(new FieldError(path, "空の処理です"));
            return;
        }
        RuleActionType type;
        try {
            type = RuleActionType.valueOf(a.type() == null ? "" : a.type());
        } catch (IllegalArgumentException e) {
            String known = String.join(" ", java.util.Arrays.stream(RuleActionType.values()).map(Enum::name).toList());
            String later = "SPLIT_BY_TEMPERATURE_ZONE".equals(a.type()) || "SEND_MAIL_TEMPLATE".equals(a.type())
                    || "ADD_FEE".equals(a.type()) ? "（まだ使えません: docs/ORDERS.md 参照）" : "";
            errors.add(new FieldError(path + ".type", "不明な処理です" + later + ": " + a.type() + "（使えるのは " + known + "）"));
            return;
        }
        switch (type) {
            case HOLD -> {
                if (a.code() != null && !a.code().isBlank() && !CODE.matcher(a.code().strip()).matches()) {
                    errors.add(new FieldError(path + ".code", "保留コードは英大文字・数字・_ の60文字以内です: " + a.code()));
                }
                if (a.reason() == null || a.reason().isBlank()) {
                    errors.add(new FieldError(path + ".reason", "保留の理由を入力してください"));
                } else if (a.reason().length() > 500) {
                    errors.add(new FieldError(path + ".reason", "保留の理由は500文字以内です"));
                }
            }
            case RELEASE -> {
                List<String> codes = a.code() == null ? List.of() : list(a.code());
                if (codes.isEmpty()) {
                    errors.add(new FieldError(path + ".code", "解除する保留コードを指定してください（カンマ区切り）"));
                }
                for (String c : codes) {
                    if (!CODE.matcher(c).matches()) {
                        errors.add(new FieldError(path + ".code", "保留コードは英大文字・数字・_ の60文字以内です: " + c));
                        break;
                    }
                }
            }
            case SET_CARRIER -> {
                if (a.carrier() == null || !FREE_CODE.matcher(a.carrier().strip()).matches()) {
                    errors.add(new FieldError(path + ".carrier", "配送会社コード（英数字40文字以内）を入力してください"));
                }
                if (a.service() != null && !a.service().isBlank() && !FREE_CODE.matcher(a.service().strip()).matches()) {
                    errors.add(new FieldError(path + ".service", "配送サービスコードは英数字40文字以内です"));
                }
            }
            case SET_DELIVERY_DATE -> {
                boolean hasDate = a.date() != null && !a.date().isBlank();
                if (hasDate == (a.days() != null)) {
                    errors.add(new FieldError(path + ".date", "日付（yyyy-MM-dd）か注文日からの日数（days）のどちらか一方を指定してください"));
                } else if (hasDate) {
                    try {
                        LocalDate.parse(a.date().strip());
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(path + ".date", "日付は yyyy-MM-dd で入力してください: " + a.date()));
                    }
                } else if (a.days() < 0 || a.days() > 365) {
                    errors.add(new FieldError(path + ".days", "日数は0〜365です"));
                }
            }
            case SET_PLANNED_SHIP_DATE -> {
                if (a.days() == null || a.days() < 0 || a.days() > 365) {
                    errors.add(new FieldError(path + ".days", "注文日からの営業日数（0〜365）を入力してください"));
                }
            }
            case ADD_TAG, ADD_FLYER -> {
                if (a.value() == null || a.value().isBlank()) {
                    errors.add(new FieldError(path + ".value", (type == RuleActionType.ADD_TAG ? "タグ" : "同梱物") + "を入力してください"));
                } else if (a.value().strip().length() > 100) {
                    errors.add(new FieldError(path + ".value", "100文字以内です"));
                }
            }
            case CLEAR_DELIVERY_DATE, SPLIT_BY_TEMPERATURE_ZONE -> {
            }
        }
    }

    /** The action in one line of Japanese, for history, applied-rule records and the dry run. */
    static String describe(RuleAction a) {
        RuleActionType t = RuleActionType.valueOf(a.type());
        return switch (t) {
            case HOLD -> "保留 " + holdCode(a) + ": " + a.reason().strip();
            case RELEASE -> "保留解除 " + String.join(",", list(a.code()));
            case SET_CARRIER -> "配送方法 " + a.carrier().strip() + (blank(a.service()) ? "" : "/" + a.service().strip());
            case SET_DELIVERY_DATE -> "お届け希望日 " + (blank(a.date()) ? "注文日+" + a.days() + "日" : a.date().strip());
            case CLEAR_DELIVERY_DATE -> "お届け希望日を消去";
            case ADD_FLYER -> "同梱物 " + a.value().strip();
            case ADD_TAG -> "タグ " + a.value().strip();
            case SET_PLANNED_SHIP_DATE -> "出荷予定日 注文日+" + a.days() + "営業日";
            case SPLIT_BY_TEMPERATURE_ZONE -> "温度帯で分割";
        };
    }

    static String holdCode(RuleAction a) {
        return blank(a.code()) ? "RULE_HOLD" : a.code().strip();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
