package dev.ichigen.notification;

/**
 * Where an outbox mail stands. The sender moves PENDING → SENDING (committed before the SMTP call) → SENT; a
 * transient failure goes back to PENDING with a later attempt until the attempt limit, then FAILED; a permanent one
 * (5xx, invalid address) is FAILED at once. A SENDING row whose lease ran out (the process died or hung during the
 * SMTP call) becomes UNCERTAIN and is never sent again by itself: the customer may or may not have it.
 */
public enum MailStatus {
    /** 送信待ち (or waiting for a retry). */
    PENDING("送信待ち"),
    /** 未送信: no SMTP server is configured — kept in the outbox, sent only when a person asks. */
    HELD("未送信（SMTP未設定）"),
    /** 送信中: claimed by the sender, the SMTP call is under way. */
    SENDING("送信中"),
    SENT("送信済"),
    FAILED("送信失敗"),
    /** 送信確認待ち: sending was interrupted; a person resends it or marks it sent. */
    UNCERTAIN("送信確認待ち"),
    /** 送信なし: nothing to send to (no address) or discarded; the reason says which. */
    SKIPPED("送信なし");

    private final String label;

    MailStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
