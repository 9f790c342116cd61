package dev.ichigen.shipping.label;

import java.time.LocalDate;
import java.util.List;

import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.CarrierAccount;
import dev.ichigen.shipping.IssuedImport;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.ParcelLabel;

/** A carrier's label data layout: parcels → import file(s), and the carrier's issued data → tracking numbers. */
public interface CarrierFormat {

    /** Stable id used in URLs and settings, e.g. {@code yamato-b2}. */
    String id();

    /** What shop staff call it, e.g. ヤマト B2クラウド. */
    String label();

    Carrier carrier();

    LabelExport export(List<ParcelLabel> parcels, CarrierAccount account, LocalDate today);

    /** Reads the carrier's issued data (発行済みデータ); {@code null} when the format has none to read. */
    IssuedImport importIssued(CsvSource file);
}
