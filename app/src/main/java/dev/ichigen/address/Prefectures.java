package dev.ichigen.address;

import java.util.List;

/** The 47 prefectures (都道府県) in JIS X 0401 order (01 北海道 … 47 沖縄県). */
public final class Prefectures {

    /** Names as Japan Post writes them; index + 1 is the JIS X 0401 code. */
    public static final List<String> NAMES = List.of("北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
            "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
            "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県",
            "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
            "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");

    private Prefectures() {
    }

    public static boolean isPrefecture(String name) {
        return NAMES.contains(name);
    }

    /** JIS X 0401 code 1–47, or 0 when {@code name} is not a prefecture. */
    public static int code(String name) {
        return NAMES.indexOf(name) + 1;
    }

    /** The name without 都・府・県 as people often write it ({@code 東京}, {@code 大阪}); 北海道 stays whole. */
    public static String shortName(String name) {
        return name.length() > 2 && (name.endsWith("都") || name.endsWith("府") || name.endsWith("県"))
                ? name.substring(0, name.length() - 1) : name;
    }
}
