package dev.ichigen.inventory;

import java.time.LocalDate;

/** ロット: a lot number and its expiry date (賞味期限・使用期限, the last day it may be shipped). */
public record LotInfo(String lotNo, LocalDate expiryDate) {
}
