package dev.ichigen.address;

/**
 * One area a postal code stands for (郵便番号の町域): prefecture, city and town as Japan Post writes them,
 * with their readings. A code may stand for several areas (several towns, or even two prefectures).
 *
 * @param code seven digits
 * @param prefecture 都道府県, e.g. {@code 東京都}
 * @param city 市区町村 with 郡 or 政令市 ward, e.g. {@code 千代田区}, {@code 札幌市中央区}, {@code 上北郡六戸町}
 * @param town 町域 without Japan Post's notes, e.g. {@code 千代田}; empty when the code covers the whole
 *        city (以下に掲載がない場合) or the city has no town names (…の次に番地がくる場合)
 * @param prefectureKana reading in full-width katakana (digits and brackets ASCII), e.g. {@code トウキョウト}
 * @param cityKana reading of the city
 * @param townKana reading of the town (empty when the town is empty)
 * @param rawTown the town exactly as Japan Post's file writes it (notes, several lines joined) when it differs
 *        from {@code town}; {@code null} for the data shipped with the app, which does not keep it
 */
public record PostalArea(String code, String prefecture, String city, String town, String prefectureKana,
        String cityKana, String townKana, String rawTown) {

    /** Prefecture, city and town in one string, e.g. {@code 東京都千代田区千代田}. */
    public String address() {
        return prefecture + city + town;
    }
}
