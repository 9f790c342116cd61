package dev.ichigen.fulfillment;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.CarrierAccount;

/** 出荷設定 (one row, {@code fulfillment_setting}): read and replace, with the carrier account per carrier. */
@Service
public class FulfillmentSettingsStore {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final java.time.Clock clock;

    FulfillmentSettingsStore(JdbcClient jdbc, AuditLog audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public FulfillmentSettings get() {
        return jdbc.sql("""
                select sender_name, sender_phone, sender_postal_code, sender_prefecture, sender_city, sender_street,
                    sender_building, default_carrier, default_service, yamato_customer_code, yamato_class_code,
                    yamato_freight_number, sagawa_customer_code from fulfillment_setting where id = 1""")
                .query((rs, i) -> new FulfillmentSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13)))
                .single();
    }

    /** Replaces the settings; 422 naming each field that is not valid. */
    @Transactional
    public FulfillmentSettings update(FulfillmentSettings s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.defaultCarrier() == null || Carrier.parse(s.defaultCarrier()) == null) {
            errors.add(new FieldError("defaultCarrier", "既定の配送業者は yamato・sagawa・japanpost のいずれかです"));
        }
        digits(errors, "yamatoCustomerCode", s.yamatoCustomerCode(), 10, 12, "ご請求先顧客コードは10〜12桁の数字です");
        digits(errors, "yamatoClassCode", s.yamatoClassCode(), 3, 3, "分類コードは3桁の数字です");
        digits(errors, "yamatoFreightNumber", s.yamatoFreightNumber(), 2, 2, "運賃管理番号は2桁の数字です");
        digits(errors, "sagawaCustomerCode", s.sagawaCustomerCode(), 1, 12, "お客様コードは12桁までの数字です");
        length(errors, "senderName", s.senderName(), 100);
        length(errors, "senderPhone", s.senderPhone(), 20);
        length(errors, "senderPostalCode", s.senderPostalCode(), 8);
        length(errors, "senderPrefecture", s.senderPrefecture(), 10);
        length(errors, "senderCity", s.senderCity(), 100);
        length(errors, "senderStreet", s.senderStreet(), 200);
        length(errors, "senderBuilding", s.senderBuilding(), 200);
        length(errors, "defaultService", s.defaultService(), 40);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        FulfillmentSettings before = get();
        jdbc.sql("""
                update fulfillment_setting set sender_name = :a, sender_phone = :b, sender_postal_code = :c,
                    sender_prefecture = :d, sender_city = :e, sender_street = :f, sender_building = :g,
                    default_carrier = :h, default_service = :i, yamato_customer_code = :j, yamato_class_code = :k,
                    yamato_freight_number = :l, sagawa_customer_code = :m, updated_at = :now where id = 1""")
                .param("a", blank(s.senderName())).param("b", blank(s.senderPhone())).param("c", blank(s.senderPostalCode()))
                .param("d", blank(s.senderPrefecture())).param("e", blank(s.senderCity())).param("f", blank(s.senderStreet()))
                .param("g", blank(s.senderBuilding())).param("h", s.defaultCarrier().strip().toLowerCase(java.util.Locale.ROOT))
                .param("i", blank(s.defaultService())).param("j", blank(s.yamatoCustomerCode()))
                .param("k", blank(s.yamatoClassCode())).param("l", blank(s.yamatoFreightNumber()))
                .param("m", blank(s.sagawaCustomerCode())).param("now", Shipments.ts(clock.instant())).update();
        FulfillmentSettings after = get();
        audit.record("fulfillment.settings", "fulfillment_setting", "1", "出荷設定を変更", before, after);
        return after;
    }

    /** The shop's contract codes for a carrier's files. */
    @Transactional(readOnly = true)
    public CarrierAccount account(Carrier carrier) {
        FulfillmentSettings s = get();
        return switch (carrier) {
            case YAMATO -> new CarrierAccount(s.yamatoCustomerCode(), s.yamatoClassCode(), s.yamatoFreightNumber());
            case SAGAWA -> new CarrierAccount(s.sagawaCustomerCode(), null, null);
            case JAPAN_POST -> CarrierAccount.NONE;
        };
    }

    private static void digits(List<FieldError> errors, String field, String value, int min, int max, String message) {
        String v = blank(value);
        if (v != null && (v.length() < min || v.length() > max || !v.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            errors.add(new FieldError(field, message));
        }
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, max + "文字以内で入力してください"));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
