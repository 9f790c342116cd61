package dev.ichigen.order;

import java.util.Objects;

/**
 * What a check (or rule) found: a reason to hold the order. {@code code} names it (constants below; other
 * modules and rules add their own, upper snake case); {@code detail} explains it to a person in Japanese;
 * {@code basis} is the data it rests on (the remarks text, the amount, the item codes…).
 *
 * <p>Re-check rule: a reason with the same source, code and basis as a hold a person RELEASED is not raised
 * again — only a change of that data (a different basis) raises it anew. {@code sourceRef} overrides the
 * source reference (e.g. a rule engine names the rule id@version); {@code null} = the check's name.
 */
public record HoldReason(String code, String detail, String basis, String sourceRef) {

    public static final String UNMAPPED_ITEM = "UNMAPPED_ITEM";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String REMARKS_PRESENT = "REMARKS_PRESENT";
    public static final String AMOUNT_OVER_THRESHOLD = "AMOUNT_OVER_THRESHOLD";
    /** Waiting for payment (bank transfer, コンビニ, 後払い screening): the order is AWAITING_PAYMENT, not ON_HOLD. */
    public static final String PAYMENT_PENDING = "PAYMENT_PENDING";
    public static final String PAYMENT_FAILED = "PAYMENT_FAILED";
    public static final String TOTAL_MISMATCH = "TOTAL_MISMATCH";
    public static final String LIKELY_DUPLICATE = "LIKELY_DUPLICATE";
    public static final String INVALID_QUANTITY = "INVALID_QUANTITY";
    public static final String INVALID_PRICE = "INVALID_PRICE";
    /** The channel changed or cancelled an order that is already shipped (source CHANNEL). */
    public static final String CHANNEL_CHANGE_AFTER_SHIPMENT = "CHANNEL_CHANGE_AFTER_SHIPMENT";
    /** The channel changed an order that is already cancelled (source CHANNEL). */
    public static final String CHANNEL_CHANGE_AFTER_CANCELLATION = "CHANNEL_CHANGE_AFTER_CANCELLATION";
    /** The destination's address does not agree with its postal code (都道府県・市区町村・町域). */
    public static final String ADDRESS_MISMATCH = "ADDRESS_MISMATCH";
    /** The postal code is not seven digits or not in Japan Post's data. */
    public static final String UNKNOWN_POSTAL_CODE = "UNKNOWN_POSTAL_CODE";
    public static final String INVALID_PHONE = "INVALID_PHONE";
    /** お届け希望日 in the past, too early for the shop or too far ahead. */
    public static final String DELIVERY_DATE = "DELIVERY_DATE";
    /** お届け時間帯 the carrier does not offer (or that cannot be read). */
    public static final String TIME_SLOT = "TIME_SLOT";
    /** Destination on a remote island (離島) or in Okinawa. */
    public static final String REMOTE_AREA = "REMOTE_AREA";
    /** Orderer or destination on the shop's block list (要注意顧客). */
    public static final String BLOCKLIST = "BLOCKLIST";
    /** Put on hold by a person (source PERSON). */
    public static final String MANUAL = "MANUAL";

    public HoldReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        basis = basis == null ? "" : basis;
    }

    public HoldReason(String code, String detail, String basis) {
        this(code, detail, basis, null);
    }
}
