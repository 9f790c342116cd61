package dev.ichigen.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;

/** The renderer without Spring: the shipped font, its cmap check, and the barcode read back. */
class PdfDocumentsTests {

    static final PdfDocuments PDF = new PdfDocuments();

    @Test
    void theFontAndItsLicenceShipWithTheApp() {
        assertThat(PdfDocuments.class.getResource("/fonts/ipaexg.ttf")).isNotNull();
        assertThat(PdfDocuments.class.getResource("/fonts/IPA_Font_License_Agreement_v1.0.txt")).isNotNull();
    }

    @Test
    void charactersOutsideTheFontBecomeGetaAndAreListed() {
        assertThat(PDF.canPrint(0x9AD9)).as("髙").isTrue();
        assertThat(PDF.canPrint(0xFA11)).as("﨑").isTrue();
        assertThat(PDF.canPrint(0x20B9F)).as("𠮟 (plane 2, in IPAex)").isTrue();
        assertThat(PDF.canPrint(0x20BB7)).as("𠮷").isFalse();
        List<UnprintableCharacter> missing = new ArrayList<>();

        String printed = PDF.printable("recipient.name", "𠮷田 髙子 𠮷", missing);

        assertThat(printed).isEqualTo("〓田 髙子 〓");
        assertThat(missing).extracting(UnprintableCharacter::code).containsExactly("U+20BB7", "U+20BB7");
        assertThat(missing).extracting(UnprintableCharacter::field).containsOnly("recipient.name");
        assertThat(PDF.printable("x", "東京都千代田区", missing)).isEqualTo("東京都千代田区");
        assertThat(PDF.printable("x", null, missing)).isNull();
    }

    @Test
    void aTemplateRendersWithTheEmbeddedJapaneseFont() throws Exception {
        byte[] bytes = PDF.render("daily-summary", Map.of("date", "2026年1月5日 (月)", "shopName", "いちげん商店", "blocks", List.of(),
                "total", 0, "parcels", 0, "printedAt", "2026/01/05 18:00", "unprintable", ""));
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("出荷日報 2026年1月5日", "いちげん商店");
            List<String> fonts = new ArrayList<>();
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont f = doc.getPage(0).getResources().getFont(name);
                fonts.add(f.getName() + (f.isEmbedded() ? " embedded" : ""));
            }
            assertThat(fonts).isNotEmpty().allMatch(f -> f.contains("IPAexGothic") && f.endsWith("embedded"));
        }
    }

    @Test
    void theCode128BarcodeReadsBackAsTheShipmentKey() throws Exception {
        String uri = Barcodes.code128DataUri("S000123");
        assertThat(uri).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));

        assertThat(new Code128Reader().decode(bitmap).getText()).isEqualTo("S000123");
    }
}
