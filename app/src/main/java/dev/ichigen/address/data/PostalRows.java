package dev.ichigen.address.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the rows read from a source (bundled file or KEN_ALL) into the rows stored, the same way for every
 * source: rows equal in code, prefecture, city and town are one row (KEN_ALL repeats a town once per note,
 * e.g. 京都 北町 21 times with different street directions; their raw strings are kept together), rows are
 * numbered per code in file order, and buildings with their own codes get the town they stand in.
 */
public final class PostalRows {

    /** A floor of a building with its own codes, after cleaning: 霞が関霞が関ビル１階, 名駅ミッドランドスクエア（高層棟）１階. */
    private static final Pattern FLOOR = Pattern.compile("^(.+?)(（[^（）]*）)?[０-９0-9]+階$");
    private static final int MAX_RAW = 4000;

    private PostalRows() {
    }

    /** Rows in file order (seq ignored) → stored rows, in code order then file order. */
    public static List<PostalRow> prepare(List<PostalRow> rows) {
        List<PostalRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(PostalRow::code)); // stable: keeps file order within a code
        List<PostalRow> result = new ArrayList<>(sorted.size());
        int codeStart = 0;
        for (PostalRow row : sorted) {
            if (!result.isEmpty() && !result.get(result.size() - 1).code().equals(row.code())) {
                codeStart = result.size();
            }
            int same = -1;
            for (int i = codeStart; i < result.size(); i++) {
                PostalRow seen = result.get(i);
                if (seen.town().equals(row.town()) && seen.city().equals(row.city()) && seen.prefecture().equals(row.prefecture())) {
                    same = i;
                    break;
                }
            }
            if (same < 0) {
                result.add(row.withSeq(result.size() - codeStart + 1).withBaseTown(null));
            } else if (row.rawTown() != null && !Objects.equals(result.get(same).rawTown(), row.rawTown())) {
                PostalRow seen = result.get(same);
                String joined = seen.rawTown() == null ? row.rawTown() : seen.rawTown() + "\n" + row.rawTown();
                result.set(same, seen.withRawTown(joined.length() > MAX_RAW ? joined.substring(0, MAX_RAW - 1) + "…" : joined));
            }
        }
        return withBaseTowns(result);
    }

    /**
     * For each building with its own codes (one per floor, plus the building itself for 地階・階層不明), the
     * longest other town of the same city its name starts with: 霞が関霞が関ビル１階 → 霞が関.
     */
    static List<PostalRow> withBaseTowns(List<PostalRow> rows) {
        Map<String, Set<String>> towns = new HashMap<>();
        Map<String, Set<String>> stems = new HashMap<>();
        for (PostalRow row : rows) {
            String city = row.prefecture() + '\t' + row.city();
            Matcher floor = FLOOR.matcher(row.town());
            if (floor.matches()) {
                stems.computeIfAbsent(city, k -> new HashSet<>()).add(floor.group(1));
            }
            towns.computeIfAbsent(city, k -> new HashSet<>()).add(row.town());
        }
        if (stems.isEmpty()) {
            return rows;
        }
        Map<String, String> baseCache = new HashMap<>();
        List<PostalRow> result = new ArrayList<>(rows.size());
        for (PostalRow row : rows) {
            String city = row.prefecture() + '\t' + row.city();
            Set<String> cityStems = stems.get(city);
            if (cityStems == null) {
                result.add(row);
                continue;
            }
            Matcher floor = FLOOR.matcher(row.town());
            String stem = floor.matches() ? floor.group(1) : cityStems.contains(row.town()) ? row.town() : null;
            if (stem == null) {
                result.add(row);
                continue;
            }
            String base = baseCache.computeIfAbsent(city + '\t' + stem, k -> {
                String best = null;
                for (String town : towns.get(city)) {
                    if (!town.isEmpty() && town.length() < stem.length() && stem.startsWith(town)
                            && !cityStems.contains(town) && !FLOOR.matcher(town).matches()
                            && (best == null || town.length() > best.length())) {
                        best = town;
                    }
                }
                return best == null ? "" : best;
            });
            result.add(base.isEmpty() ? row : row.withBaseTown(base));
        }
        return result;
    }

    /** A fingerprint of a prepared data set: equal rows in equal order give equal hashes (hex SHA-256). */
    public static String contentHash(List<PostalRow> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (PostalRow r : rows) {
                String line = String.join("\u001f", r.code(), Integer.toString(r.seq()), r.prefecture(), r.city(), r.town(),
                        r.prefectureKana(), r.cityKana(), r.townKana(), Objects.toString(r.baseTown(), ""),
                        Objects.toString(r.rawTown(), ""), Objects.toString(r.municipalityCode(), "")) + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Number of distinct codes in prepared rows. */
    public static int codeCount(List<PostalRow> rows) {
        int count = 0;
        String last = null;
        for (PostalRow r : rows) {
            if (!r.code().equals(last)) {
                count++;
                last = r.code();
            }
        }
        return count;
    }
}
