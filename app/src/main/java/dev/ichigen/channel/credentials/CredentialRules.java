package dev.ichigen.channel.credentials;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ichigen.channel.Platform;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;

/**
 * Which credentials each platform needs, and their shape. Error messages name the key, never the value.
 *
 * <ul>
 * <li>Shopify: the shop's {@code *.myshopify.com} domain, an Admin API access token, and the app's client
 * secret that signs webhooks ({@code X-Shopify-Hmac-Sha256}).</li>
 * <li>楽天 RMS: {@code serviceSecret} and {@code licenseKey} (header {@code ESA base64(serviceSecret:licenseKey)});
 * the license key expires every 90 days, so its expiry date can be kept to warn in advance.</li>
 * <li>Yahoo!ショッピング: the seller id and the Yahoo! ID連携 (OAuth 2) application id, secret and refresh
 * token.</li>
 * <li>Amazon SP-API: the seller id and the Login with Amazon client id, secret and refresh token; marketplace
 * defaults to Amazon.co.jp ({@code A1VC38T7YXB528}); {@code notificationSecret} signs ORDER_CHANGE notifications
 * relayed to ichigen (docs/CONNECTORS.md).</li>
 * </ul>
 * {@code endpoint} (every platform) points a connector at another base URL, e.g. a sandbox store.
 */
public final class CredentialRules {

    private static final int MAX_VALUE_LENGTH = 4000;
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");

    private record Rule(Set<String> required, Set<String> optional) {
    }

    private static final Map<Platform, Rule> RULES = Map.of(
            Platform.SHOPIFY, new Rule(Set.of("shopDomain", "accessToken", "webhookSecret"),
                    Set.of("apiVersion", "locationId", "endpoint")),
            Platform.RAKUTEN, new Rule(Set.of("serviceSecret", "licenseKey"),
                    Set.of("licenseKeyExpiresOn", "shopUrl", "endpoint")),
            Platform.YAHOO, new Rule(Set.of("sellerId", "clientId", "clientSecret", "refreshToken"),
                    Set.of("publicKey", "publicKeyVersion", "endpoint")),
            Platform.AMAZON, new Rule(Set.of("sellerId", "clientId", "clientSecret", "refreshToken"),
                    Set.of("marketplaceId", "notificationSecret", "endpoint")),
            Platform.CUSTOM, new Rule(Set.of(), Set.of("webhookSecret", "apiKey", "endpoint")));

    /** Keys that are not secret (identifiers, dates, URLs): a form may show them as plain text. */
    private static final Set<String> NOT_SECRET = Set.of("shopDomain", "apiVersion", "locationId", "licenseKeyExpiresOn",
            "shopUrl", "sellerId", "publicKeyVersion", "marketplaceId", "endpoint");

    private CredentialRules() {
    }

    /** The platform's credentials, required ones first, each group in a stable order. */
    public static List<dev.ichigen.channel.CredentialField> fields(Platform platform) {
        Rule rule = RULES.get(platform);
        List<dev.ichigen.channel.CredentialField> fields = new ArrayList<>();
        rule.required().stream().sorted(java.util.Comparator.comparingInt(CredentialRules::order))
                .forEach(n -> fields.add(new dev.ichigen.channel.CredentialField(n, true, !NOT_SECRET.contains(n))));
        rule.optional().stream().sorted(java.util.Comparator.comparingInt(CredentialRules::order))
                .forEach(n -> fields.add(new dev.ichigen.channel.CredentialField(n, false, !NOT_SECRET.contains(n))));
        return fields;
    }

    private static final List<String> ORDER = List.of("shopDomain", "sellerId", "serviceSecret", "licenseKey",
            "licenseKeyExpiresOn", "clientId", "clientSecret", "refreshToken", "accessToken", "webhookSecret", "notificationSecret", "apiKey",
            "marketplaceId", "locationId", "apiVersion", "shopUrl", "publicKey", "publicKeyVersion", "endpoint");

    private static int order(String name) {
        int i = ORDER.indexOf(name);
        return i < 0 ? ORDER.size() : i;
    }

    /**
     * Checks {@code given} (from JSON: any values) for {@code platform} and returns it as strings; every
     * problem is a field error {@code credentials.<key>}. An empty or absent map is allowed (credentials can
     * be added later), a partial one is not.
     */
    public static Credentials validate(Platform platform, Map<String, ?> given) {
        if (given == null || given.isEmpty()) {
            return Credentials.none();
        }
        Rule rule = RULES.get(platform);
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : given.entrySet()) {
            String name = e.getKey();
            String field = "credentials." + name;
            if (!rule.required().contains(name) && !rule.optional().contains(name)) {
                errors.add(new FieldError(field, platform.label() + " の認証情報にこの項目はありません（使える項目: "
                        + String.join(", ", sorted(rule)) + "）"));
                continue;
            }
            if (!(e.getValue() instanceof String s) || s.isBlank()) {
                errors.add(new FieldError(field, "文字列で指定してください"));
                continue;
            }
            if (s.length() > MAX_VALUE_LENGTH) {
                errors.add(new FieldError(field, MAX_VALUE_LENGTH + "文字以内で指定してください"));
                continue;
            }
            values.put(name, s.strip());
        }
        for (String name : rule.required()) {
            if (!given.containsKey(name)) {
                errors.add(new FieldError("credentials." + name, "必須です"));
            }
        }
        String domain = values.get("shopDomain");
        if (domain != null && !SHOP_DOMAIN.matcher(domain.toLowerCase(java.util.Locale.ROOT)).matches()) {
            errors.add(new FieldError("credentials.shopDomain", "xxx.myshopify.com の形で指定してください"));
        }
        String expires = values.get("licenseKeyExpiresOn");
        if (expires != null) {
            try {
                LocalDate.parse(expires);
            } catch (DateTimeParseException ex) {
                errors.add(new FieldError("credentials.licenseKeyExpiresOn", "日付は yyyy-MM-dd で指定してください"));
            }
        }
        String endpoint = values.get("endpoint");
        if (endpoint != null) {
            try {
                URI uri = URI.create(endpoint);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add(new FieldError("credentials.endpoint", "http(s):// で始まるURLを指定してください"));
                }
            } catch (IllegalArgumentException ex) {
                errors.add(new FieldError("credentials.endpoint", "URLとして読めません"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Credentials(values);
    }

    private static List<String> sorted(Rule rule) {
        List<String> all = new ArrayList<>(rule.required());
        all.addAll(rule.optional());
        all.sort(null);
        return all;
    }
}
