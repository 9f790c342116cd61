package dev.ichigen.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExcelSafeCsvWriterTests {

    @Test
    void cellsThatExcelWouldRunAsFormulasAreWrittenAsText() throws IOException {
        String csv = write(CsvEncoding.UTF8_BOM, List.of("=cmd|' /C calc'!A0", "+81-3", "-1", "@SUM(A1)", "\tx", "＝1+1", "a=b", "普通"));
        assertThat(csv).isEqualTo("\uFEFF'=cmd|' /C calc'!A0,'+81-3,'-1,'@SUM(A1),'\tx,'＝1+1,a=b,普通\r\n");
    }

    @Test
    void restoreGivesBackExactlyWhatWasNeutralised() {
        for (String original : List.of("=1+1", "-", "'=x", "''=x", "'", "'a", "a", "", "@", "＠home", "''")) {
            assertThat(ExcelSafeCsvWriter.restore(ExcelSafeCsvWriter.neutralise(original))).as(original).isEqualTo(original);
        }
    }

    @Test
    void rowsEndWithCrLfAndCellsWithLineBreaksAreQuoted() throws IOException {
        String csv = write(CsvEncoding.UTF8, List.of("a", "two\nlines", "say \"hi\""));
        assertThat(csv).isEqualTo("a,\"two\nlines\",\"say \"\"hi\"\"\"\r\n");
    }

    @Test
    void cp932MapsTheCharactersWindowsShowsDifferently() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExcelSafeCsvWriter writer = new ExcelSafeCsvWriter(out, CsvEncoding.CP932)) {
            assertThat(writer.writeRow("10〜20", "\u2212" + "5", "‖", "—", "¢£¬", "¥980", "a\u00A0b", "か\u3099", "髙①㈱")).isEmpty();
            assertThat(writer.unencodable()).isEmpty();
        }
        String back = new String(out.toByteArray(), CsvEncoding.WINDOWS_31J);
        // '－5' starts with a full-width minus, a formula trigger in a Japanese Excel
        assertThat(back).isEqualTo("10～20,'－5,∥,―,￠￡￢,￥980,a b,が,髙①㈱\r\n");
        assertThat(out.toByteArray()).doesNotContain((byte) '?');
    }

    @Test
    void charactersCp932CannotHoldAreReportedAndNeverWrittenAsQuestionMarks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExcelSafeCsvWriter writer = new ExcelSafeCsvWriter(out, CsvEncoding.CP932)) {
            writer.writeRow("商品コード", "商品名");
            List<UnencodableCharacter> row = writer.writeRow("A-001", "𠮷野家の寿司🍣");
            assertThat(row).extracting(UnencodableCharacter::codePoint).containsExactly(0x20BB7, 0x1F363);
            assertThat(row).allSatisfy(u -> {
                assertThat(u.row()).isEqualTo(1);
                assertThat(u.column()).isEqualTo(1);
            });
            assertThat(row.getFirst().describe()).isEqualTo("𠮷 (U+20BB7)");
            assertThat(writer.unencodableCount()).isEqualTo(2);
        }
        String back = new String(out.toByteArray(), CsvEncoding.WINDOWS_31J);
        assertThat(back).endsWith("A-001,〓野家の寿司〓\r\n");
        assertThat(back).doesNotContain("?");
    }

    @Test
    void utf8KeepsEveryCharacter() throws IOException {
        String csv = write(CsvEncoding.UTF8_BOM, List.of("𠮷野家", "🍣", "〜"));
        assertThat(csv).isEqualTo("\uFEFF𠮷野家,🍣,〜\r\n");
    }

    private static String write(CsvEncoding encoding, List<String> row) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExcelSafeCsvWriter writer = new ExcelSafeCsvWriter(out, encoding)) {
            writer.writeRow(row);
        }
        return new String(out.toByteArray(), encoding.charset());
    }
}
