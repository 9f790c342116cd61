package dev.ichigen.shipping;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.label.CarrierFormat;

/**
 * 送り状データ: the carriers' label data layouts — export parcels to a carrier's import file(s), read its issued
 * data (tracking numbers) back. Formats: {@code yamato-b2} (ヤマト B2クラウド), {@code sagawa-ehiden} (佐川 e飛伝),
 * {@code clickpost} (日本郵便 クリックポスト). "Today" for date checks is the Japanese date.
 */
@Service
public class LabelFormats {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** A format as the console lists it. */
    public record Format(String id, String label, Carrier carrier, boolean readsIssuedData) {
    }

    private final Map<String, CarrierFormat> formats = new TreeMap<>();
    private final Clock clock;

    LabelFormats(List<CarrierFormat> formats, Clock clock) {
        formats.forEach(f -> this.formats.put(f.id(), f));
        this.clock = clock;
    }

    public List<Format> formats() {
        return formats.values().stream()
                .map(f -> new Format(f.id(), f.label(), f.carrier(), !f.id().equals("clickpost"))).toList();
    }

    /** The parcels as the carrier's import file(s); parcels that cannot go are listed with the reason. */
    public LabelExport export(String format, List<ParcelLabel> parcels, CarrierAccount account) {
        return format(format).export(parcels, account, LocalDate.now(clock.withZone(JAPAN)));
    }

    /** Tracking numbers from the carrier's issued-data file; 422 when the format has none. */
    public IssuedImport importIssued(String format, CsvSource file) {
        IssuedImport result = format(format).importIssued(file);
        if (result == null) {
            throw new InvalidInputException("format", format + " には読み込む発行済みデータがありません");
        }
        return result;
    }

    private CarrierFormat format(String id) {
        CarrierFormat f = formats.get(id);
        if (f == null) {
            throw new InvalidInputException("format", "送り状の形式 " + id + " はありません（" + String.join(", ", formats.keySet()) + "）");
        }
        return f;
    }
}
