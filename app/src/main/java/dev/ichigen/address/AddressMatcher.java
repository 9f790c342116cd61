package dev.ichigen.address;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an address as a customer or a mall wrote it with one area from the postal code data, tolerating
 * how addresses arrive in practice: the prefecture, city and town may be in separate fields, all in one
 * line, or repeated (city in the city field and again at the start of the address line); the prefecture may
 * be left out or written without 都・府・県; the district (郡) before a town or village and the ward of a
 * designated city (政令市の区) may be left out; 大字・字 before the town may be written or not. All text is
 * compared in its {@link AddressText} form.
 */
final class AddressMatcher {

    /** How far an address agrees with an area, worst first. */
    enum Stage {
        PREFECTURE_MISMATCH, CITY_MISMATCH, TOWN_MISMATCH, MATCH
    }

    /** 上北郡六戸町 → 六戸町 may be written without the district. */
    private static final Pattern DISTRICT = Pattern.compile("^(.+?郡)(.+[町村])$");
    /** 札幌市中央区 → the ward of a designated city may be left out (札幌市北1条西…). */
    private static final Pattern WARD = Pattern.compile("^(.+?市)(.+区)$");
    /** A ward name (designated-city wards have 1 to 4 characters before 区) at the start of the rest. */
    private static final Pattern OTHER_WARD = Pattern.compile("^[^0-9\\-]{1,4}区");
    private static final List<String> PREFECTURES = Prefectures.NAMES.stream().map(AddressText::normalise).toList();

    private AddressMatcher() {
    }

    /** The customer's address in its comparable form; any part may be empty. */
    record Input(String prefecture, String city, String line) {

        static Input of(String prefecture, String city, String line) {
            return new Input(AddressText.normalise(prefecture), AddressText.normalise(city), AddressText.normalise(line));
        }

        boolean blank() {
            return prefecture.isEmpty() && city.isEmpty() && line.isEmpty();
        }
    }

    /** The city as it may be written, longest first; {@code omittedWard} is the ward a shorter form leaves out. */
    private record CityForm(String text, String omittedWard) {
    }

    /**
     * An area in comparable form. {@code towns} are the accepted beginnings of the rest of the address (the
     * town, without 大字・字, and for a building's own code the town the building stands in); empty: any town.
     */
    record Target(String prefecture, String prefectureShort, List<CityForm> cities, List<String> towns) {

        static Target of(String prefecture, String city, String town, String baseTown) {
            String p = AddressText.normalise(prefecture);
            String c = AddressText.normalise(city);
            List<CityForm> cities = new ArrayList<>();
            cities.add(new CityForm(c, null));
            Matcher district = DISTRICT.matcher(c);
            if (district.matches()) {
                cities.add(new CityForm(district.group(2), null));
            }
            Matcher ward = WARD.matcher(c);
            if (ward.matches()) {
                cities.add(new CityForm(ward.group(1), ward.group(2)));
            }
            List<String> towns = new ArrayList<>();
            for (String t : new String[] { town, baseTown }) {
                String n = AddressText.normalise(t);
                if (!n.isEmpty()) {
                    towns.add(n);
                    String bare = withoutAza(n);
                    if (!bare.equals(n)) {
                        towns.add(bare);
                    }
                }
            }
            if (AddressText.normalise(town).isEmpty()) {
                towns.clear(); // the whole city: any town
            }
            return new Target(p, AddressText.normalise(Prefectures.shortName(prefecture)), cities, towns);
        }

        static Target of(PostalArea area, String baseTown) {
            return of(area.prefecture(), area.city(), area.town(), baseTown);
        }
    }

    static Stage match(Input in, Target t) {
        if (!in.prefecture().isEmpty() && !in.prefecture().startsWith(t.prefecture())
                && !in.prefecture().startsWith(t.prefectureShort())) {
            return Stage.PREFECTURE_MISMATCH;
        }
        boolean citySeen = false;
        String pendingWard = null;
        StringBuilder rest = new StringBuilder();
        for (String segment : new String[] { in.prefecture(), in.city(), in.line() }) {
            if (segment.isEmpty()) {
                continue;
            }
            String s = segment;
            if (s.startsWith(t.prefecture())) {
                s = s.substring(t.prefecture().length());
            } else if (!t.prefectureShort().equals(t.prefecture()) && s.startsWith(t.prefectureShort())
                    && (s.length() == t.prefectureShort().length() || city(s.substring(t.prefectureShort().length()), t) != null)) {
                s = s.substring(t.prefectureShort().length());
            } else if (otherPrefecture(s, t.prefecture())) {
                return Stage.PREFECTURE_MISMATCH;
            }
            CityForm city = city(s, t);
            if (city != null) {
                s = s.substring(city.text().length());
                if (!citySeen) {
                    citySeen = true;
                    pendingWard = city.omittedWard();
                }
            }
            if (pendingWard != null && s.startsWith(pendingWard)) {
                s = s.substring(pendingWard.length()); // 札幌市 in the city field, 中央区… in the line
                pendingWard = null;
            }
            rest.append(s);
        }
        if (!citySeen) {
            return Stage.CITY_MISMATCH;
        }
        String r = rest.toString();
        if (pendingWard != null && OTHER_WARD.matcher(r).find()) {
            return Stage.CITY_MISMATCH; // 札幌市 + 北区… for a code of 札幌市中央区
        }
        if (t.towns().isEmpty()) {
            return Stage.MATCH;
        }
        for (String candidate : new String[] { r, withoutAza(r) }) {
            for (String town : t.towns()) {
                if (candidate.startsWith(town)) {
                    return Stage.MATCH;
                }
            }
        }
        return Stage.TOWN_MISMATCH;
    }

    private static CityForm city(String s, Target t) {
        for (CityForm form : t.cities()) {
            if (!form.text().isEmpty() && s.startsWith(form.text())) {
                return form;
            }
        }
        return null;
    }

    private static boolean otherPrefecture(String s, String expected) {
        for (String p : PREFECTURES) {
            if (s.startsWith(p) && !p.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /** 大字・字 (names of old village parts) are often written before a town and left out by Japan Post. */
    static String withoutAza(String s) {
        if (s.startsWith("大字") && s.length() > 2) {
            return s.substring(2);
        }
        if (s.startsWith("字") && s.length() > 1) {
            return s.substring(1);
        }
        return s;
    }
}
