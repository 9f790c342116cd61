package dev.ichigen.address;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.ichigen.address.AddressCheck.Outcome;
import dev.ichigen.address.AddressMatcher.Stage;

/**
 * Checks that an address agrees with its postal code (郵便番号と住所の照合), as an order check does before
 * shipping: one indexed read of the code's areas, then a comparison in memory.
 *
 * <p>Tolerant of how shops and malls pass addresses: prefecture, city and the rest in separate fields or
 * all in one, repeated, with the prefecture left out or shortened (東京), without 郡 or the ward of a
 * designated city, with or without 大字・字, and in any of the spellings {@link AddressText} treats as equal.
 * A code whose town is empty (以下に掲載がない場合) accepts any town of its city; a code of a building
 * accepts the town the building stands in.
 */
@Service
public class AddressVerification {

    private static final int MAX_EXPECTED_IN_MESSAGE = 5;

    private final PostalAreaStore store;

    AddressVerification(PostalAreaStore store) {
        this.store = store;
    }

    /**
     * Checks one address. Every part may be {@code null} or empty; {@code addressLine} may hold everything
     * from the prefecture on (or the city and town, or just the town and street).
     */
    public AddressCheck verify(String postalCode, String prefecture, String city, String addressLine) {
        PostalCode code = PostalCode.tryParse(postalCode);
        if (code == null) {
            return new AddressCheck(Outcome.INVALID_POSTAL_CODE, postalCode, List.of(), postalCode == null || postalCode.isBlank()
                    ? "郵便番号がありません" : "郵便番号の形式が正しくありません（7桁の数字）: " + postalCode);
        }
        List<PostalAreaStore.StoredArea> areas = store.find(code.value());
        if (areas.isEmpty()) {
            return new AddressCheck(Outcome.UNKNOWN_POSTAL_CODE, code.value(), List.of(),
                    "郵便番号 " + code.formatted() + " は日本郵便のデータにありません");
        }
        AddressMatcher.Input input = AddressMatcher.Input.of(prefecture, city, addressLine);
        if (input.blank()) {
            return new AddressCheck(Outcome.ADDRESS_MISSING, code.value(), areas.stream().map(PostalAreaStore.StoredArea::area).toList(),
                    "住所がありません（郵便番号 " + code.formatted() + " は " + describe(areas.stream().map(PostalAreaStore.StoredArea::area).toList(), Stage.TOWN_MISMATCH) + "）");
        }
        Stage best = Stage.PREFECTURE_MISMATCH;
        List<PostalArea> furthest = new ArrayList<>();
        for (PostalAreaStore.StoredArea stored : areas) {
            Stage stage = AddressMatcher.match(input, AddressMatcher.Target.of(stored.area(), stored.baseTown()));
            if (stage == Stage.MATCH) {
                return new AddressCheck(Outcome.OK, code.value(), List.of(stored.area()),
                        "住所は郵便番号 " + code.formatted() + "（" + stored.area().address() + "）と合っています");
            }
            if (stage.compareTo(best) > 0) {
                best = stage;
                furthest.clear();
            }
            if (stage == best) {
                furthest.add(stored.area());
            }
        }
        String given = String.join(" ", nonBlank(prefecture, city, addressLine));
        String expected = describe(furthest, best);
        return switch (best) {
            case PREFECTURE_MISMATCH -> new AddressCheck(Outcome.PREFECTURE_MISMATCH, code.value(), furthest,
                    "都道府県が郵便番号 " + code.formatted() + "（" + expected + "）と合いません（住所: " + given + "）");
            case CITY_MISMATCH -> new AddressCheck(Outcome.CITY_MISMATCH, code.value(), furthest,
                    "市区町村が郵便番号 " + code.formatted() + "（" + expected + "）と合いません（住所: " + given + "）");
            default -> new AddressCheck(Outcome.TOWN_MISMATCH, code.value(), furthest,
                    "町域が郵便番号 " + code.formatted() + "（" + expected + "）と合いません（住所: " + given + "）");
        };
    }

    /** 東京都千代田区千代田, or for several areas the first few and a count. */
    private static String describe(List<PostalArea> areas, Stage stage) {
        Set<String> names = new LinkedHashSet<>();
        for (PostalArea a : areas) {
            names.add(switch (stage) {
                case PREFECTURE_MISMATCH -> a.prefecture();
                case CITY_MISMATCH -> a.prefecture() + a.city();
                default -> a.town().isEmpty() ? a.prefecture() + a.city() + "（町域の指定なし）" : a.address();
            });
        }
        List<String> list = new ArrayList<>(names);
        return list.size() <= MAX_EXPECTED_IN_MESSAGE ? String.join("、", list)
                : String.join("、", list.subList(0, MAX_EXPECTED_IN_MESSAGE)) + " ほか " + (list.size() - MAX_EXPECTED_IN_MESSAGE) + " 件";
    }

    private static List<String> nonBlank(String... parts) {
        List<String> result = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                result.add(p.strip());
            }
        }
        return result;
    }
}
