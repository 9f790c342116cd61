package dev.ichigen.order;

import java.time.LocalDate;

/**
 * What the customer asked for: お届け希望日, 時間帯 ({@code timeSlot} carrier-neutral like {@code "14-16"},
 * see {@link DeliveryTimeSlot}; {@code timeSlotText} as the channel wrote it), gift wrapping (ギフト包装) and
 * のし text.
 */
public record DeliveryRequest(LocalDate date, String timeSlot, String timeSlotText, boolean giftWrapping, String noshi) {

    public static final DeliveryRequest NONE = new DeliveryRequest(null, null, null, false, null);
}
