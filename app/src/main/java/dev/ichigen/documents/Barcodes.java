package dev.ichigen.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.oned.EAN13Writer;

/** Barcodes as PNG images for PDF templates (zxing). */
public final class Barcodes {

    private Barcodes() {
    }

    /**
     * A Code128 barcode of {@code content} (ASCII, e.g. a shipment key {@code S000123}) as a {@code data:image/png}
     * URI: 3 pixels per module, 60 pixels high, with the quiet zone zxing adds (10 modules each side).
     */
    public static String code128DataUri(String content) {
        return png(new Code128Writer().encode(content, BarcodeFormat.CODE_128, 0, 1));
    }

    /**
     * A JAN (EAN-13) barcode of the 13 digits {@code jan} (check digit included and verified by zxing) as a
     * {@code data:image/png} URI, same scale as {@link #code128DataUri}: what a scanner at 出荷検品 reads off the item.
     */
    public static String ean13DataUri(String jan) {
        return png(new EAN13Writer().encode(jan, BarcodeFormat.EAN_13, 0, 1));
    }

    private static String png(BitMatrix m) {
        int scale = 3;
        int height = 60;
        BufferedImage image = new BufferedImage(m.getWidth() * scale, height, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < m.getWidth(); x++) {
            int rgb = m.get(x, 0) ? 0x000000 : 0xFFFFFF;
            for (int dx = 0; dx < scale; dx++) {
                for (int y = 0; y < height; y++) {
                    image.setRGB(x * scale + dx, y, rgb);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
