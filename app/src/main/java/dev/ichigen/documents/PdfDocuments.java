package dev.ichigen.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.spring6.SpringTemplateEngine;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * HTML to PDF for every document: a Thymeleaf template in XML mode (well-formed XHTML, so openhtmltopdf's XML parser
 * reads it) under {@code templates/documents/pdf/<name>.html}, rendered with openhtmltopdf and the IPAex Gothic font
 * shipped in the app ({@code fonts/ipaexg.ttf}, IPA Font License v1.0 next to it). Templates set
 * {@code font-family: 'IPAexGothic'}; no system font is ever used, so a slip looks the same on every machine.
 *
 * <p>A new document is a template plus a model: {@code pdf.render("picking-list", Map.of("rows", rows))}. Texts
 * from data (names, addresses, product names) go through {@link #printable} first: characters the font has no
 * glyph for (e.g. 𠮷 U+20BB7, a JIS X 0213 plane-2 character IPAex does not carry) become 〓 and are collected, so
 * the caller can log them and say so on the document — a missing glyph is never silently dropped.
 * {@link Barcodes#code128DataUri} makes barcodes for {@code <img src>}.
 */
@Component
public class PdfDocuments {

    /** The family name templates use. */
    public static final String FONT_FAMILY = "IPAexGothic";

    /** What a character the font lacks is printed as (ゲタ, a visible stand-in). */
    public static final String SUBSTITUTE = "〓";

    private static final String FONT_RESOURCE = "/fonts/ipaexg.ttf";

    private final byte[] font;
    private final CmapLookup cmap;
    private final SpringTemplateEngine templates;

    PdfDocuments() {
        try (InputStream in = PdfDocuments.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("font " + FONT_RESOURCE + " is missing from the application");
            }
            this.font = in.readAllBytes();
            // Kept open for the life of the app: the cmap lookup reads from the parsed font.
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
            this.cmap = ttf.getUnicodeCmapLookup(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FONT_RESOURCE, e);
        }
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/documents/pdf/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.templates = new SpringTemplateEngine(); // SpEL: templates call record accessors, ${line.name()}
        this.templates.setTemplateResolver(resolver);
    }

    /** Renders {@code templates/documents/pdf/<template>.html} with {@code model} to PDF bytes. */
    public byte[] render(String template, Map<String, Object> model) {
        Context context = new Context(Locale.JAPAN);
        context.setVariables(model);
        String html = templates.process(template, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> new ByteArrayInputStream(font), FONT_FAMILY);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed: " + template, e);
        }
        return out.toByteArray();
    }

    /** Whether the shipped font has a glyph for {@code codePoint} (whitespace and controls count as printable). */
    public boolean canPrint(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isISOControl(codePoint) || cmap.getGlyphId(codePoint) != 0;
    }

    /**
     * {@code text} with every character the font lacks replaced by 〓; each one is added to {@code unprintable}
     * with {@code field}. {@code null} stays {@code null}.
     */
    public String printable(String field, String text, List<UnprintableCharacter> unprintable) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (!canPrint(cp)) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
                b.append(SUBSTITUTE);
                unprintable.add(new UnprintableCharacter(field, cp));
            } else if (b != null) {
                b.append(text, i, i + n);
            }
            i += n;
        }
        return b == null ? text : b.toString();
    }

    /** A collector for {@link #printable}: one per document. */
    public Printer printer() {
        return new Printer();
    }

    /** Checks texts for one document and remembers what it replaced. */
    public final class Printer {

        private final List<UnprintableCharacter> unprintable = new ArrayList<>();

        public String text(String field, String text) {
            return printable(field, text, unprintable);
        }

        public List<UnprintableCharacter> unprintable() {
            return List.copyOf(unprintable);
        }
    }
}
