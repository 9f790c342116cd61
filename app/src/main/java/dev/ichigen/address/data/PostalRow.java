package dev.ichigen.address.data;

/**
 * One stored row of the postal code data: a code and one of its areas, cleaned as customers write it.
 *
 * @param seq position among the rows of the same code, from 1, in Japan Post's order
 * @param baseTown for a building with its own code (高層ビルの階ごとの郵便番号), the town its street address
 *        starts with (霞が関 for 霞が関霞が関ビル１階); {@code null} otherwise
 * @param rawTown the town as Japan Post's file writes it when cleaning changed it; {@code null} otherwise
 * @param municipalityCode 全国地方公共団体コード (5 digits) when the source has it
 */
public record PostalRow(String code, int seq, String prefecture, String city, String town, String prefectureKana,
        String cityKana, String townKana, String baseTown, String rawTown, String municipalityCode) {

    public PostalRow withSeq(int newSeq) {
        return new PostalRow(code, newSeq, prefecture, city, town, prefectureKana, cityKana, townKana, baseTown, rawTown,
                municipalityCode);
    }

    public PostalRow withBaseTown(String base) {
        return new PostalRow(code, seq, prefecture, city, town, prefectureKana, cityKana, townKana, base, rawTown,
                municipalityCode);
    }

    public PostalRow withRawTown(String raw) {
        return new PostalRow(code, seq, prefecture, city, town, prefectureKana, cityKana, townKana, baseTown, raw,
                municipalityCode);
    }
}
