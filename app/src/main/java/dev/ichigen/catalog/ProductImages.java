package dev.ichigen.catalog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * Product images (商品画像), kept in the database so that every app instance serves the same files.
 * Only JPEG, PNG, GIF and WebP are accepted, recognised by their first bytes (the file name and the
 * declared type are not trusted), up to {@value #MAX_BYTES} bytes each.
 */
@Service
public class ProductImages {

    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final ProductStore products;
    private final AuditLog audit;
    private final Clock clock;

    ProductImages(JdbcClient jdbc, ProductStore products, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
    }

    /** An image with its bytes, for serving. */
    public record ImageContent(ProductImage image, byte[] data) {
    }

    /** Adds an image after the existing ones. */
    @Transactional
    public ProductImage add(Sku sku, String fileName, byte[] data) {
        if (!products.lock(sku)) {
            throw new NotFoundException("商品 " + sku + " は登録されていません");
        }
        if (data == null || data.length == 0) {
            throw new InvalidInputException("file", "画像ファイルが空です");
        }
        if (data.length > MAX_BYTES) {
            throw new InvalidInputException("file", "画像は10MBまでです（" + String.format("%,d", data.length) + " バイト）");
        }
        String type = contentType(data);
        if (type == null) {
            throw new InvalidInputException("file", "JPEG・PNG・GIF・WebP の画像だけを登録できます");
        }
        int position = jdbc.sql("select coalesce(max(position), 0) from product_image where sku = :sku")
                .param("sku", sku.value()).query(Integer.class).single() + 1;
        String name = fileName(fileName, type);
        String sha256 = sha256(data);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into product_image (sku, position, file_name, content_type, byte_size, sha256, data, created_at)
                values (:sku, :position, :name, :type, :size, :sha, :data, :now)""")
                .param("sku", sku.value()).param("position", position).param("name", name).param("type", type)
                .param("size", data.length).param("sha", sha256).param("data", data).param("now", now).update();
        ProductImage image = jdbc.sql(SELECT + " where sku = :sku and position = :position")
                .param("sku", sku.value()).param("position", position).query((rs, n) -> map(rs)).single();
        audit.record("product.image.add", "product", sku.value(), "商品画像を追加: " + sku + " " + name, null, snapshot(image));
        return image;
    }

    @Transactional(readOnly = true)
    public List<ProductImage> list(Sku sku) {
        return jdbc.sql(SELECT + " where sku = :sku order by position, id").param("sku", sku.value())
                .query((rs, n) -> map(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<ImageContent> content(Sku sku, long id) {
        return jdbc.sql(SELECT.replace(" from product_image", ", data from product_image") + " where sku = :sku and id = :id")
                .param("sku", sku.value()).param("id", id)
                .query((rs, n) -> new ImageContent(map(rs), rs.getBytes("data"))).optional();
    }

    /** Puts the images in the order of {@code ids}, which must name each image of the product exactly once. */
    @Transactional
    public List<ProductImage> reorder(Sku sku, List<Long> ids) {
        if (!products.lock(sku)) {
            throw new NotFoundException("商品 " + sku + " は登録されていません");
        }
        List<ProductImage> before = list(sku);
        List<Long> current = before.stream().map(ProductImage::id).toList();
        if (ids == null || ids.size() != current.size() || !new HashSet<>(ids).equals(new HashSet<>(current))) {
            throw new InvalidInputException("ids", "この商品の画像ID " + current + " をすべて1回ずつ並べてください");
        }
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("update product_image set position = :p where id = :id").param("p", i + 1).param("id", ids.get(i)).update();
        }
        List<ProductImage> after = list(sku);
        if (!current.equals(ids)) {
            audit.record("product.image.reorder", "product", sku.value(), "商品画像を並べ替え: " + sku, current,
                    after.stream().map(ProductImage::id).toList());
        }
        return after;
    }

    @Transactional
    public void delete(Sku sku, long id) {
        if (!products.lock(sku)) {
            throw new NotFoundException("商品 " + sku + " は登録されていません");
        }
        ProductImage image = list(sku).stream().filter(i -> i.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("商品 " + sku + " に画像 " + id + " はありません"));
        jdbc.sql("delete from product_image where id = :id").param("id", id).update();
        List<ProductImage> rest = list(sku);
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).position() != i + 1) {
                jdbc.sql("update product_image set position = :p where id = :id").param("p", i + 1).param("id", rest.get(i).id()).update();
            }
        }
        audit.record("product.image.delete", "product", sku.value(), "商品画像を削除: " + sku + " " + image.fileName(),
                snapshot(image), null);
    }

    /** The media type the bytes are, by their signature; {@code null} when not JPEG, PNG, GIF or WebP. */
    static String contentType(byte[] d) {
        if (starts(d, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(d, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(d, 'G', 'I', 'F', '8', '7', 'a') || starts(d, 'G', 'I', 'F', '8', '9', 'a')) {
            return "image/gif";
        }
        if (d.length >= 12 && starts(d, 'R', 'I', 'F', 'F') && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static boolean starts(byte[] data, int... signature) {
        if (data.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((data[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** The uploaded name without any directory part, at most 255 characters; a made-up one when missing. */
    private static String fileName(String given, String type) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip().replaceAll("[\\p{Cntrl}\"]", "");
        if (name.isEmpty()) {
            name = "image." + type.substring("image/".length()).replace("jpeg", "jpg");
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = "select id, sku, position, file_name, content_type, byte_size, sha256, created_at from product_image";

    private static ProductImage map(ResultSet rs) throws SQLException {
        return new ProductImage(rs.getLong("id"), Sku.of(rs.getString("sku")), rs.getInt("position"),
                rs.getString("file_name"), rs.getString("content_type"), rs.getInt("byte_size"), rs.getString("sha256"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Object snapshot(ProductImage i) {
        return java.util.Map.of("id", i.id(), "position", i.position(), "fileName", i.fileName(),
                "contentType", i.contentType(), "byteSize", i.byteSize(), "sha256", i.sha256());
    }
}
