package dev.ichigen.payment;

import java.util.List;

/**
 * Which columns of a bank statement CSV (入出金明細) hold the date, the credit amount (入金額), the debit amount
 * (出金額, optional: lines with one are skipped) and the payer name (振込依頼人名). Each is a list of header names
 * tried in order (compared after NFKC, ignoring case and spaces). With a single signed amount column and no debit
 * column, negative amounts are debits.
 */
public record StatementLayout(String key, String label, List<String> date, List<String> credit, List<String> debit,
        List<String> payer) {

    /**
     * The generic layout: header names Japanese internet banking CSVs commonly use. Not the byte-exact layout of any
     * one bank (see docs/PAYMENTS.md): a bank whose headers differ is read by naming its columns.
     */
    public static final StatementLayout GENERIC = new StatementLayout("generic", "汎用（日付・入金額・振込依頼人名）",
            List.of("日付", "取引日", "入金日", "年月日", "取扱日", "勘定日"),
            List.of("入金額", "入金金額", "お預入れ", "お預入金額", "預入金額", "入金", "金額"),
            List.of("出金額", "出金金額", "お引出し", "お支払金額", "支払金額", "出金"),
            List.of("振込依頼人名", "振込依頼人", "依頼人名", "摘要", "お取引内容", "取引内容", "内容"));

    /** This layout with the given header names (when not blank) tried first. */
    public StatementLayout with(String dateColumn, String creditColumn, String debitColumn, String payerColumn) {
        return new StatementLayout(key, label, first(dateColumn, date), first(creditColumn, credit),
                debitColumn == null || debitColumn.isBlank() ? debit : List.of(debitColumn.strip()), first(payerColumn, payer));
    }

    private static List<String> first(String given, List<String> rest) {
        return given == null || given.isBlank() ? rest : List.of(given.strip());
    }
}
