package dev.ichigen.order;

/**
 * Fees on top of the goods, in yen: 送料, 代引き手数料 and other fees (ラッピング料, 決済手数料…). All are
 * taxed at the standard 10% rate; {@code includeTax} says whether the amounts are 税込 (the usual case).
 */
public record Charges(long shippingFee, long codFee, long otherFees, boolean includeTax) {

    public static final Charges NONE = new Charges(0, 0, 0, true);

    public long total() {
        return shippingFee + codFee + otherFees;
    }
}
