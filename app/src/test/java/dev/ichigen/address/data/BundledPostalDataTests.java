package dev.ichigen.address.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.ichigen.address.Prefectures;

/** The data file shipped in the app: complete, in the stored shape, with its source recorded. */
class BundledPostalDataTests {

    private static final BundledPostalData.Contents CONTENTS = BundledPostalData.read();

    @Test
    void recordsItsSourceAndDate() {
        assertThat(CONTENTS.metadata().get("source")).contains("jquery-jpostal-ja@2.14.73");
        assertThat(CONTENTS.metadata().get("data-stamp")).isEqualTo("ver2.13 2025-09-25 2025-09-30");
        assertThat(CONTENTS.description()).contains("2025-09-30");
    }

    @Test
    void coversTheWholeCountryInTheStoredShape() {
        List<PostalRow> rows = CONTENTS.rows();
        assertThat(rows).hasSize(Integer.parseInt(CONTENTS.metadata().get("rows"))).hasSizeGreaterThan(120_000);
        assertThat(rows.stream().map(PostalRow::code).distinct().count())
                .isEqualTo(Long.parseLong(CONTENTS.metadata().get("codes")));
        assertThat(rows.stream().map(PostalRow::prefecture).collect(Collectors.toSet()))
                .isEqualTo(Set.copyOf(Prefectures.NAMES));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.code()).matches("[0-9]{7}");
            assertThat(r.city()).isNotBlank();
            assertThat(r.prefectureKana()).matches("[\\p{IsKatakana}ー]+");
            assertThat(r.town()).doesNotContain("以下に掲載がない場合").doesNotContain("番地がくる場合");
            assertThat(r.townKana().isEmpty()).isEqualTo(r.town().isEmpty() || r.code().equals("6560461")); // 市円行寺 has no reading in the source
        });
        // already prepared: preparing again changes nothing but the numbering and building towns
        assertThat(PostalRows.prepare(rows)).hasSameSizeAs(rows);
    }
}
