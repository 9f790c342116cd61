package dev.ichigen.documents;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;

/**
 * ショップ情報 (one row, {@code shop_profile}): read and replace, and the logo image. One profile for the whole shop:
 * per-channel issuers are not built (a shop with several legal entities would need them; none of ours does yet).
 */
@Service
public class ShopProfiles {

    /** Largest logo accepted: it is embedded in every slip, so a big image makes every PDF big. */
    public static final int MAX_LOGO_BYTES = 512 * 1024;

    /** A stored logo: PNG or JPEG bytes. */
    public record Logo(String contentType, byte[] data) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ShopProfiles(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ShopProfile get() {
        return jdbc.sql("""
                select shop_name, postal_code, address, phone, email, registration_number, slip_message,
                    logo_content_type from shop_profile where id = 1""")
                .query((rs, i) -> new ShopProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8) != null))
                .single();
    }

    @Transactional(readOnly = true)
    public Optional<Logo> logo() {
        return jdbc.sql("select logo_content_type, logo from shop_profile where id = 1 and logo is not null")
                .query((rs, i) -> new Logo(rs.getString(1), rs.getBytes(2))).optional();
    }

    /** Replaces the texts (the logo stays); 422 naming each field that is not valid, nothing written then. */
    @Transactional
    public ShopProfile update(ShopProfile p) {
        List<FieldError> errors = new ArrayList<>();
        length(errors, "shopName", p.shopName(), 100);
        length(errors, "postalCode", p.postalCode(), 8);
        length(errors, "address", p.address(), 300);
        length(errors, "phone", p.phone(), 20);
        length(errors, "email", p.email(), 254);
        length(errors, "slipMessage", p.slipMessage(), 1000);
        String postal = blank(p.postalCode());
        if (postal != null && !postal.matches("\\d{3}-?\\d{4}")) {
            errors.add(new FieldError("postalCode", "郵便番号は7桁の数字です (例 100-0001): " + postal));
        }
        String email = blank(p.email());
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(new FieldError("email", "メールアドレスの形式ではありません: " + email));
        }
        String registration = null;
        if (blank(p.registrationNumber()) != null) {
            try {
                registration = RegistrationNumber.normalize(p.registrationNumber());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("registrationNumber", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ShopProfile before = get();
        jdbc.sql("""
                update shop_profile set shop_name = :name, postal_code = :postal, address = :address, phone = :phone,
                    email = :email, registration_number = :reg, slip_message = :message, updated_at = :now, updated_by = :by
                where id = 1""")
                .param("name", blank(p.shopName())).param("postal", postal).param("address", blank(p.address()))
                .param("phone", blank(p.phone())).param("email", email).param("reg", registration)
                .param("message", blank(p.slipMessage())).param("now", now()).param("by", CurrentActor.name()).update();
        ShopProfile after = get();
        audit.record("documents.shop-profile", "shop_profile", "1", "ショップ情報を変更", before, after);
        return after;
    }

    /** Stores the logo: PNG or JPEG (recognised by its signature, not its name), at most {@link #MAX_LOGO_BYTES}. */
    @Transactional
    public ShopProfile setLogo(byte[] data) {
        if (data == null || data.length == 0) {
            throw new InvalidInputException("logo", "ロゴ画像のファイルを選んでください");
        }
        if (data.length > MAX_LOGO_BYTES) {
            throw new InvalidInputException("logo", "ロゴ画像は " + (MAX_LOGO_BYTES / 1024) + "KB までです (" + (data.length / 1024) + "KB)");
        }
        String type = imageType(data);
        if (type == null) {
            throw new InvalidInputException("logo", "ロゴ画像は PNG か JPEG です");
        }
        jdbc.sql("update shop_profile set logo = :data, logo_content_type = :type, updated_at = :now, updated_by = :by where id = 1")
                .param("data", data).param("type", type).param("now", now()).param("by", CurrentActor.name()).update();
        audit.record("documents.shop-profile.logo", "shop_profile", "1", "ロゴ画像を登録 (" + type + ", " + data.length + " bytes)", null, null);
        return get();
    }

    @Transactional
    public ShopProfile removeLogo() {
        jdbc.sql("update shop_profile set logo = null, logo_content_type = null, updated_at = :now, updated_by = :by where id = 1")
                .param("now", now()).param("by", CurrentActor.name()).update();
        audit.record("documents.shop-profile.logo", "shop_profile", "1", "ロゴ画像を削除", null, null);
        return get();
    }

    /** PNG (89 50 4E 47 0D 0A 1A 0A) or JPEG (FF D8 FF) by the file signature; {@code null} otherwise. */
    static String imageType(byte[] d) {
        if (d.length >= 8 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G' && d[4] == 0x0D
                && d[5] == 0x0A && d[6] == 0x1A && d[7] == 0x0A) {
            return "image/png";
        }
        if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        return null;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, max + "文字以内で入力してください"));
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
