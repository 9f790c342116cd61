package dev.ichigen.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTimeSlotTests {

    @Test
    void readsWhatChannelsWrite() {
        assertThat(DeliveryTimeSlot.normalise("1416")).isEqualTo("14-16");          // 楽天 shippingTerm, ヤマト code
        assertThat(DeliveryTimeSlot.normalise("14:00～16:00")).isEqualTo("14-16");
        assertThat(DeliveryTimeSlot.normalise("１４時〜１６時")).isEqualTo("14-16");   // full-width, wave dash
        assertThat(DeliveryTimeSlot.normalise("19-21")).isEqualTo("19-21");
        assertThat(DeliveryTimeSlot.normalise("8時-12時")).isEqualTo("08-12");
        assertThat(DeliveryTimeSlot.normalise("午前中")).isEqualTo("08-12");
        assertThat(DeliveryTimeSlot.normalise("指定なし")).isNull();
        assertThat(DeliveryTimeSlot.normalise("午後")).isNull();                       // no slot: kept as text only
        assertThat(DeliveryTimeSlot.normalise("16-14")).isNull();
        assertThat(DeliveryTimeSlot.isNeutral("08-12")).isTrue();
        assertThat(DeliveryTimeSlot.isNeutral("0812")).isFalse();
    }
}
