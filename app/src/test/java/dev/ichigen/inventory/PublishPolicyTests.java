package dev.ichigen.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.InvalidInputException;

class PublishPolicyTests {

    @Test
    void defaultShowsEverythingAvailable() {
        assertThat(PublishPolicy.DEFAULT.publishable(37)).isEqualTo(37);
        assertThat(PublishPolicy.DEFAULT.publishable(0)).isZero();
    }

    @Test
    void negativeAvailableCountsAsZero() {
        assertThat(PublishPolicy.DEFAULT.publishable(-5)).isZero();
    }

    @Test
    void holdBackIsSubtractedButNeverBelowZero() {
        PublishPolicy p = new PublishPolicy(true, 3, null, 100, null);
        assertThat(p.publishable(10)).isEqualTo(7);
        assertThat(p.publishable(3)).isZero();
        assertThat(p.publishable(2)).isZero();
    }

    @Test
    void percentageRoundsDownSoTwoHalvesNeverExceedTheWhole() {
        PublishPolicy half = new PublishPolicy(true, 0, null, 50, null);
        assertThat(half.publishable(7)).isEqualTo(3);
        assertThat(half.publishable(7) * 2).isLessThanOrEqualTo(7);
        assertThat(new PublishPolicy(true, 0, null, 0, null).publishable(100)).isZero();
    }

    @Test
    void percentageAppliesAfterTheHoldBack() {
        assertThat(new PublishPolicy(true, 4, null, 50, null).publishable(10)).isEqualTo(3);
    }

    @Test
    void maxQuantityCapsTheResult() {
        PublishPolicy p = new PublishPolicy(true, 0, 20, 100, null);
        assertThat(p.publishable(500)).isEqualTo(20);
        assertThat(p.publishable(12)).isEqualTo(12);
        assertThat(new PublishPolicy(true, 0, 0, 100, null).publishable(500)).isZero();
    }

    @Test
    void zeroThresholdShowsNothingAtOrBelowIt() {
        PublishPolicy p = new PublishPolicy(true, 0, null, 100, 2);
        assertThat(p.publishable(2)).isZero();
        assertThat(p.publishable(1)).isZero();
        assertThat(p.publishable(3)).isEqualTo(3);
    }

    @Test
    void zeroThresholdLooksAtAvailableBeforeTheHoldBack() {
        PublishPolicy p = new PublishPolicy(true, 2, null, 100, 3);
        assertThat(p.publishable(3)).isZero();
        assertThat(p.publishable(4)).isEqualTo(2);
    }

    @Test
    void allKnobsTogether() {
        // available 100: not ≤ 5; minus 10 = 90; 50 % = 45; capped at 40
        assertThat(new PublishPolicy(true, 10, 40, 50, 5).publishable(100)).isEqualTo(40);
        // available 30: 20 after hold-back, 50 % = 10, under the cap
        assertThat(new PublishPolicy(true, 10, 40, 50, 5).publishable(30)).isEqualTo(10);
    }

    @Test
    void refusesOutOfRangeValuesNamingTheFields() {
        assertThatThrownBy(() -> new PublishPolicy(true, -1, -2, 101, -3))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(dev.ichigen.shared.FieldError::field)
                        .containsExactly("holdBack", "maxQuantity", "percentage", "zeroAtOrBelow"));
    }
}
