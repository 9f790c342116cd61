package dev.ichigen.channel.shopify;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's Japanese provinces → 都道府県. Shopify sends {@code province_code} {@code JP-01}…{@code JP-47} (ISO 3166-2:JP,
 * the JIS X 0401 codes) and {@code province} in the shop's language ("Tokyo" or "東京都"); the code wins.
 */
final class Prefectures {

    private static final List<String> JA = List.of("北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
            "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
            "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県",
            "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
            "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");
    private static final List<String> EN = List.of("hokkaido", "aomori", "iwate", "miyagi", "akita", "yamagata",
            "fukushima", "ibaraki", "tochigi", "gunma", "saitama", "chiba", "tokyo", "kanagawa", "niigata", "toyama",
            "ishikawa", "fukui", "yamanashi", "nagano", "gifu", "shizuoka", "aichi", "mie", "shiga", "kyoto", "osaka",
            "hyogo", "nara", "wakayama", "tottori", "shimane", "okayama", "hiroshima", "yamaguchi", "tokushima", "kagawa",
            "ehime", "kochi", "fukuoka", "saga", "nagasaki", "kumamoto", "oita", "miyazaki", "kagoshima", "okinawa");
    private static final Map<String, String> BY_ENGLISH = new HashMap<>();
    private static final Pattern CODE = Pattern.compile("JP-(\\d{2})");

    static {
        for (int i = 0; i < EN.size(); i++) {
            BY_ENGLISH.put(EN.get(i), JA.get(i));
        }
    }

    private Prefectures() {
    }

    /** 都道府県 for a Japanese address; {@code province} unchanged when neither code nor name is known. */
    static String of(String provinceCode, String province) {
        if (provinceCode != null) {
            Matcher m = CODE.matcher(provinceCode.strip().toUpperCase(Locale.ROOT));
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && n <= 47) {
                    return JA.get(n - 1);
                }
            }
        }
        if (province == null || province.isBlank()) {
            return null;
        }
        String p = province.strip();
        if (JA.contains(p)) {
            return p;
        }
        for (String ja : JA) { // 東京 → 東京都, 大阪 → 大阪府
            if (ja.length() > 2 && ja.substring(0, ja.length() - 1).equals(p) || ja.equals("北海道") && p.equals("北海")) {
                return ja;
            }
        }
        String key = p.toLowerCase(Locale.ROOT).replace("ō", "o").replace("ū", "u")
                .replaceAll("([-\\s](ken|fu|to)|\\s*prefecture)$", "").strip();
        return BY_ENGLISH.getOrDefault(key, p);
    }
}
