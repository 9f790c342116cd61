package dev.ichigen.notification;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of customer mail, with what causes each and the built-in Japanese default text (the shop's templates start
 * from it and "初期値に戻す" returns to it).
 */
public enum MailKind {
    /** 注文確認: on intake of a new order ({@code OrderPlaced}). */
    ORDER_CONFIRMATION("注文確認", "【{{shop.name}}】ご注文ありがとうございます（注文番号 {{order.number}}）", """
            {{customer.name}} 様

            このたびは {{shop.name}} をご利用いただき、誠にありがとうございます。
            以下の内容でご注文を承りました。

            ■ 注文番号: {{order.number}}
            ■ ご注文日: {{order.date}}
            ■ お支払い方法: {{order.paymentMethod}}
            ■ ご注文商品:
            {{order.items}}
            ■ お支払い合計: {{order.total}}

            商品の発送準備が整いましたら、あらためてご連絡いたします。

            {{shop.name}}
            """),
    /** 入金確認: a bank transfer was matched to the order ({@code payment.PaymentConfirmed}). */
    PAYMENT_CONFIRMED("入金確認", "【{{shop.name}}】ご入金を確認しました（注文番号 {{order.number}}）", """
            {{customer.name}} 様

            ご注文（注文番号 {{order.number}}）のご入金 {{payment.amount}} を確認いたしました。
            ありがとうございます。商品の発送まで今しばらくお待ちください。

            {{shop.name}}
            """),
    /** 発送完了: the shipment left the warehouse ({@code fulfillment.ShipmentShipped}), with carrier and tracking URL. */
    SHIPPED("発送完了", "【{{shop.name}}】商品を発送しました（注文番号 {{order.number}}）", """
            {{customer.name}} 様

            ご注文（注文番号 {{order.number}}）の商品を本日発送いたしました。

            ■ 配送業者: {{carrier.name}}
            ■ お問い合わせ番号: {{tracking.number}}
            ■ 配送状況の確認: {{tracking.url}}

            ■ 発送商品:
            {{order.items}}

            お届けまで今しばらくお待ちください。

            {{shop.name}}
            """),
    /** フォローメール: N days after the shipped mail (N in the mail settings); off until a person enables it. */
    FOLLOW_UP("フォローメール", "【{{shop.name}}】商品は届きましたか（注文番号 {{order.number}}）", """
            {{customer.name}} 様

            先日は {{shop.name}} をご利用いただき、ありがとうございました。
            ご注文（注文番号 {{order.number}}）の商品はお手元に届きましたでしょうか。
            お気づきの点がございましたら、このメールにご返信ください。

            {{shop.name}}
            """),
    /** 返品受付: template only — returns (返品) are not built yet, so nothing sends it. */
    RETURN_RECEIVED("返品受付", "【{{shop.name}}】返品を受け付けました（注文番号 {{order.number}}）", """
            {{customer.name}} 様

            ご注文（注文番号 {{order.number}}）の返品を受け付けました。
            商品の到着と確認のあと、あらためてご連絡いたします。

            {{shop.name}}
            """);

    private final String label;
    private final String defaultSubject;
    private final String defaultBody;

    MailKind(String label, String defaultSubject, String defaultBody) {
        this.label = label;
        this.defaultSubject = defaultSubject;
        this.defaultBody = defaultBody;
    }

    public String label() {
        return label;
    }

    public String defaultSubject() {
        return defaultSubject;
    }

    public String defaultBody() {
        return defaultBody;
    }

    /** Whether the shop's default template starts enabled: the follow-up is opt-in. */
    boolean enabledByDefault() {
        return this != FOLLOW_UP;
    }

    /** The variables a template of this kind may use. */
    public Set<MailVariable> variables() {
        Set<MailVariable> set = EnumSet.noneOf(MailVariable.class);
        for (MailVariable v : MailVariable.values()) {
            if (v.availableIn(this)) {
                set.add(v);
            }
        }
        return set;
    }
}
