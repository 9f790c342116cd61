package dev.ichigen.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvEncodingTests {

    private static final String TEXT = "商品コード,商品名\r\nA-001,髙島屋 ① タオル～\r\nB-002,ｶﾞｰﾙｽﾞ\r\n";

    @Test
    void detectsUtf8WithByteOrderMarkAndSkipsTheMark() throws IOException {
        byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(CsvEncodingDetector.detect(CsvSource.of(bytes))).isEqualTo(CsvEncoding.UTF8_BOM);
        assertThat(read(bytes)).isEqualTo(TEXT);
    }

    @Test
    void detectsUtf8WithoutByteOrderMark() throws IOException {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        assertThat(CsvEncodingDetector.detect(CsvSource.of(bytes))).isEqualTo(CsvEncoding.UTF8);
        assertThat(read(bytes)).isEqualTo(TEXT);
    }

    @Test
    void plainAsciiCountsAsUtf8() throws IOException {
        assertThat(CsvEncodingDetector.detect(CsvSource.of("sku,name\r\nA,B\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(CsvEncoding.UTF8);
    }

    @Test
    void detectsCp932IncludingNecAndIbmExtensions() throws IOException {
        byte[] bytes = TEXT.getBytes(CsvEncoding.WINDOWS_31J);
        assertThat(CsvEncodingDetector.detect(CsvSource.of(bytes))).isEqualTo(CsvEncoding.CP932);
        assertThat(read(bytes)).isEqualTo(TEXT);
    }

    @Test
    void multiByteCharactersAcrossBufferBoundariesAreNotErrors() throws IOException {
        String big = "あいうえお漢字①～ｶﾞ,".repeat(30_000); // ~ 600 KB, many 64 KB boundaries inside characters
        assertThat(CsvEncodingDetector.detect(CsvSource.of(big.getBytes(StandardCharsets.UTF_8)))).isEqualTo(CsvEncoding.UTF8);
        assertThat(CsvEncodingDetector.detect(CsvSource.of(big.getBytes(CsvEncoding.WINDOWS_31J)))).isEqualTo(CsvEncoding.CP932);
    }

    @Test
    void brokenBytesAreRefusedNamingTheFirstBadByteAndLine() {
        byte[] good = "sku,name\r\nA-001,タオル\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(good, new byte[] { 'B', ',', (byte) 0xFF, (byte) 0xFE, '\r', '\n' });
        assertThatThrownBy(() -> CsvEncodingDetector.detect(CsvSource.of(bytes)))
                .isInstanceOfSatisfying(UndecodableCsvException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    UndecodableCsvException.DecodingProblem utf8 = e.problems().stream()
                            .filter(p -> p.encoding() == CsvEncoding.UTF8).findFirst().orElseThrow();
                    assertThat(utf8.byteOffset()).isEqualTo(good.length + 2);
                    assertThat(utf8.line()).isEqualTo(3);
                    assertThat(utf8.badByte()).isEqualTo(0xFF);
                    // UTF-8 got further than CP932, so it is named first
                    assertThat(e.problems().getFirst().encoding()).isEqualTo(CsvEncoding.UTF8);
                    assertThat(e.getMessage()).contains("UTF-8 として " + (good.length + 3) + " バイト目 (3 行目, 0xFF)");
                });
    }

    @Test
    void brokenByteFarIntoALargeFileIsLocatedExactly() {
        byte[] good = "A-001,テスト商品\r\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = concat(good, new byte[] { (byte) 0xE3, (byte) 0x81, ',', '\r', '\n' }); // truncated あ
        assertThatThrownBy(() -> CsvEncodingDetector.detect(CsvSource.of(bytes)))
                .isInstanceOfSatisfying(UndecodableCsvException.class, e -> {
                    var utf8 = e.problems().stream().filter(p -> p.encoding() == CsvEncoding.UTF8).findFirst().orElseThrow();
                    assertThat(utf8.byteOffset()).isEqualTo(good.length);
                    assertThat(utf8.line()).isEqualTo(10_001);
                });
    }

    @Test
    void cp932FileWithUserDefinedCharacterIsRefused() {
        byte[] good = "sku,name\r\nA,".getBytes(CsvEncoding.WINDOWS_31J);
        byte[] bytes = concat(concat(good, new byte[] { (byte) 0x83, (byte) 0x5E, (byte) 0xF0, (byte) 0x40 }),
                "\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CsvEncodingDetector.detect(CsvSource.of(bytes)))
                .isInstanceOfSatisfying(UndecodableCsvException.class, e -> {
                    var cp932 = e.problems().stream().filter(p -> p.encoding() == CsvEncoding.CP932).findFirst().orElseThrow();
                    assertThat(cp932.byteOffset()).isEqualTo(good.length + 2);
                    assertThat(cp932.reason()).contains("外字");
                });
    }

    @Test
    void utf8WithByteOrderMarkButBrokenBodyNamesOnlyUtf8() {
        byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, "a,b\n".getBytes(StandardCharsets.UTF_8));
        byte[] broken = concat(bytes, "テスト".getBytes(CsvEncoding.WINDOWS_31J));
        assertThatThrownBy(() -> CsvEncodingDetector.detect(CsvSource.of(broken)))
                .isInstanceOfSatisfying(UndecodableCsvException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.encoding()).isEqualTo(CsvEncoding.UTF8_BOM);
                        assertThat(p.byteOffset()).isEqualTo(7);
                        assertThat(p.line()).isEqualTo(2);
                    });
                });
    }

    @Test
    void utf16IsRefusedWithAdvice() {
        byte[] bytes = concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, "a,b".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> CsvEncodingDetector.detect(CsvSource.of(bytes)))
                .isInstanceOf(UndecodableCsvException.class).hasMessageContaining("UTF-16");
    }

    @Test
    void tableReaderKnowsTheLineEachRowStartsOnAndSkipsBlankRows() throws IOException {
        String csv = "sku,description\r\nA,\"two\r\nlines\"\r\n,\r\n\r\nB,plain\r\n";
        try (CsvTableReader reader = CsvTableReader.open(CsvSource.of(csv.getBytes(CsvEncoding.WINDOWS_31J)))) {
            assertThat(reader.header().cells()).containsExactly("sku", "description");
            List<CsvRow> rows = new ArrayList<>();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 6L);
            assertThat(rows.getFirst().cell(1)).isEqualTo("two\r\nlines");
            assertThat(rows.getFirst().cell(5)).isNull();
        }
    }

    @Test
    void tableReaderReportsAnUnclosedQuoteWithItsLine() throws IOException {
        String csv = "sku,name\r\nA,ok\r\nB,\"never closed\r\nC,x\r\n";
        try (CsvTableReader reader = CsvTableReader.open(CsvSource.of(csv.getBytes(StandardCharsets.UTF_8)))) {
            reader.header();
            assertThat(reader.next().line()).isEqualTo(2);
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvTableReader.MalformedCsvException.class,
                    e -> assertThat(e.line()).isEqualTo(3));
        }
    }

    private static String read(byte[] bytes) throws IOException {
        try (Reader reader = CsvEncodingDetector.detectAndOpen(CsvSource.of(bytes))) {
            StringBuilder sb = new StringBuilder();
            reader.transferTo(new java.io.Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) {
                    sb.append(cbuf, off, len);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            return sb.toString();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
