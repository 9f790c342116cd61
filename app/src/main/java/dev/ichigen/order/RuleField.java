package dev.ichigen.order;

import java.util.List;
import java.util.Optional;

/**
 * The order fields a rule condition can look at, with their JSON name, operators and Japanese label.
 * Values of list operators ({@code in}, {@code notIn}) are comma-separated.
 */
public enum RuleField {
    /** Channel ids. */
    CHANNEL("channel", "販売チャネル(ID)", List.of("in", "notIn")),
    /** Any line's SKU (the resolved SKU; the stated SKU or channel item code while unresolved). */
    SKU("sku", "SKU（いずれかの明細）", List.of("equals", "in", "startsWith")),
    GRAND_TOTAL("grandTotal", "合計金額", List.of(">", ">=", "<", "<=", "=")),
    AMOUNT_TO_COLLECT("amountToCollect", "請求額", List.of(">", ">=", "<", "<=", "=")),
    /** Any ship-to's prefecture (都道府県; a value may leave out 都/府/県). */
    PREFECTURE("prefecture", "都道府県（いずれかの送付先）", List.of("in", "notIn")),
    /** {@link PaymentMethod} names. */
    PAYMENT_METHOD("paymentMethod", "支払方法", List.of("in", "notIn")),
    REMARKS("remarks", "備考", List.of("contains", "empty", "notEmpty")),
    /** お届け希望日; {@code withinDays N}: a date no later than today + N days. */
    DELIVERY_DATE("deliveryDate", "お届け希望日", List.of("present", "absent", "withinDays")),
    TAGS("tags", "タグ", List.of("has", "hasNot")),
    LINE_COUNT("lineCount", "明細数", List.of(">", ">=", "<", "<=", "=")),
    TOTAL_QUANTITY("totalQuantity", "合計数量", List.of(">", ">=", "<", "<=", "=")),
    /** Earlier orders (not cancelled) of the same customer, found by phone number or e-mail address. */
    PREVIOUS_ORDERS("previousOrders", "過去の注文回数", List.of(">", ">=", "<", "<=", "=")),
    /** Gift wrapping (ギフト包装) or のし requested. */
    GIFT("gift", "ギフト・のし", List.of("present", "absent"));

    private final String json;
    private final String label;
    private final List<String> operators;

    RuleField(String json, String label, List<String> operators) {
        this.json = json;
        this.label = label;
        this.operators = operators;
    }

    public String json() {
        return json;
    }

    public String label() {
        return label;
    }

    public List<String> operators() {
        return operators;
    }

    /** Operators that take no value. */
    public static boolean valueless(String op) {
        return List.of("empty", "notEmpty", "present", "absent").contains(op);
    }

    public static Optional<RuleField> of(String json) {
        for (RuleField f : values()) {
            if (f.json.equals(json)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
