package dev.ichigen.address;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Postal code lookup (郵便番号検索) in Japan Post's data: what prefecture, city and town a code stands for.
 * One indexed read per lookup.
 */
@Service
public class PostalCodes {

    private final PostalAreaStore store;

    PostalCodes(PostalAreaStore store) {
        this.store = store;
    }

    /**
     * The areas of a code, in Japan Post's order; empty when the code is not in the data. Accepts
     * {@code 1000001}, {@code 100-0001}, full-width digits and a {@code 〒} mark ({@link PostalCode#parse});
     * anything else is an {@link dev.ichigen.shared.InvalidInputException} for the field {@code code}.
     */
    public List<PostalArea> lookup(String code) {
        return lookup(PostalCode.parse(code, "code"));
    }

    public List<PostalArea> lookup(PostalCode code) {
        return store.find(code.value()).stream().map(PostalAreaStore.StoredArea::area).toList();
    }

    /** The data set in use: source, date, size. */
    public PostalDataSet dataSet() {
        return store.dataSet().toDataSet();
    }
}
