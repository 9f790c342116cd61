package dev.ichigen.orderimport;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ichigen.order.Address;
import dev.ichigen.order.Charges;
import dev.ichigen.order.Customer;
import dev.ichigen.order.DeliveryRequest;
import dev.ichigen.order.DeliveryTimeSlot;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.orderimport.OrderImportReport.RowError;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.CsvEncodingDetector;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shared.csv.JapaneseText;

/**
 * Reads an order CSV with a source's mapping, one order at a time (streaming: only the rows of the current
 * order are held). Rows with the same 注文番号 must follow each other (as every mall's download does); an order
 * number that comes back after other orders is an error on those rows. Order-level fields come from the first row
 * of the order; a later row may leave them empty or repeat them, a different value is an error on that row.
 */
final class OrderCsvReader implements Closeable {

    static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Tokyo");
    private static final Pattern AMOUNT_NOISE = Pattern.compile("[,¥\\\\円\\s]");
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuu/M/d H:mm[:ss]"), DateTimeFormatter.ofPattern("uuuu-M-d H:mm[:ss]"),
            DateTimeFormatter.ofPattern("uuuu-M-d'T'H:mm[:ss]"), DateTimeFormatter.ofPattern("uuuuMMddHHmm[ss]"));
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuuMMdd"));

    /** An order read from the file: {@code order} is {@code null} when its rows have errors. */
    record ParsedOrder(String number, long firstLine, List<Long> lines, NewOrder order, List<RowError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The file cannot be read with this mapping (a mapped column is missing, the header is empty…). */
    static final class FileProblem extends RuntimeException {
        FileProblem(String message) {
            super(message);
        }
    }

    private record Mapped(OrderImportField field, ColumnMapping mapping, int index, String columnName) {
    }

    private final OrderImportSource source;
    private final CsvTableReader reader;
    private final Map<OrderImportField, Mapped> mapped = new EnumMap<>(OrderImportField.class);
    private final Set<String> finished = new HashSet<>();
    private CsvRow pending;
    private long rows;

    OrderCsvReader(OrderImportSource source, CsvSource file) throws IOException {
        this.source = source;
        var forced = source.encoding().csvEncoding();
        this.reader = forced == null ? CsvTableReader.open(file)
                : CsvTableReader.open(CsvEncodingDetector.open(file, forced), forced);
        CsvRow header = source.headerRow() ? reader.header() : null;
        if (source.headerRow() && header == null) {
            close();
            throw new FileProblem("ファイルが空です");
        }
        Map<String, Integer> byName = new HashMap<>();
        if (header != null) {
            for (int i = 0; i < header.cells().size(); i++) {
                byName.putIfAbsent(key(ExcelSafeCsvWriter.restore(header.cell(i))), i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (ColumnMapping m : source.columns()) {
            OrderImportField f = OrderImportField.of(m.field()).orElseThrow();
            int index = -1;
            String name;
            if (m.column() != null) {
                Integer i = byName.get(key(m.column()));
                if (i == null) {
                    missing.add(m.column());
                    continue;
                }
                index = i;
                name = m.column();
            } else if (m.index() != null) {
                index = m.index() - 1;
                name = header != null && header.cell(index) != null ? header.cell(index) : "列" + m.index();
            } else {
                name = f.header() + "（固定値）";
            }
            mapped.put(f, new Mapped(f, m, index, name));
        }
        if (!missing.isEmpty()) {
            close();
            throw new FileProblem("取込元の対応表にある列がファイルにありません: " + String.join("、", missing));
        }
    }

    String encoding() {
        return reader.encoding().label();
    }

    long rows() {
        return rows;
    }

    /** The next order, or {@code null} at the end of the file. */
    ParsedOrder next() {
        List<CsvRow> group = new ArrayList<>();
        String number = null;
        while (true) {
            CsvRow row = pending != null ? pending : reader.next();
            pending = null;
            if (row == null) {
                break;
            }
            String n = raw(row, OrderImportField.ORDER_NUMBER);
            n = n == null ? null : JapaneseText.nfkcOrNull(n);
            if (group.isEmpty()) {
                rows++;
                group.add(row);
                number = n;
                if (n == null) {
                    break; // a row without order number is an order of its own (with an error)
                }
            } else if (Objects.equals(n, number)) {
                rows++;
                group.add(row);
            } else {
                pending = row;
                break;
            }
        }
        if (group.isEmpty()) {
            return null;
        }
        return build(number, group);
    }

    private ParsedOrder build(String number, List<CsvRow> group) {
        List<RowError> errors = new ArrayList<>();
        List<Long> lines = group.stream().map(CsvRow::line).toList();
        long first = group.getFirst().line();
        if (number == null) {
            errors.add(error(first, null, OrderImportField.ORDER_NUMBER, null, "注文番号が空です"));
            return new ParsedOrder(null, first, lines, null, errors);
        }
        if (!finished.add(number)) {
            for (CsvRow r : group) {
                errors.add(error(r.line(), number, OrderImportField.ORDER_NUMBER, number,
                        "同じ注文番号の行が離れています。同じ注文の行は続けて並べてください"));
            }
            return new ParsedOrder(number, first, lines, null, errors);
        }
        // order-level values: from the first row; later rows may repeat them or leave them empty
        Map<OrderImportField, String> order = new EnumMap<>(OrderImportField.class);
        for (OrderImportField f : OrderImportField.values()) {
            if (f.level() == OrderImportField.Level.ORDER) {
                String v = value(group.getFirst(), f);
                if (v != null) {
                    order.put(f, v);
                }
            }
        }
        for (CsvRow r : group.subList(1, group.size())) {
            for (OrderImportField f : OrderImportField.values()) {
                Mapped m = mapped.get(f);
                if (f.level() != OrderImportField.Level.ORDER || m == null || m.index() < 0) {
                    continue;
                }
                String v = value(r, f);
                if (v != null && !v.equals(order.get(f))) {
                    errors.add(error(r.line(), number, f, v, "同じ注文の最初の行（" + first + " 行目）と値が違います: "
                            + (order.get(f) == null ? "（空）" : order.get(f))));
                }
            }
        }
        Values o = new Values(first, number, order, errors);
        NewOrder.Builder b = NewOrder.builder(source.channelId(), number)
                .orderName(o.text(OrderImportField.ORDER_NAME))
                .orderedAt(o.dateTime(OrderImportField.ORDERED_AT))
                .remarks(o.text(OrderImportField.REMARKS));
        String name = o.text(OrderImportField.CUSTOMER_NAME);
        String kana = o.text(OrderImportField.CUSTOMER_KANA);
        String email = o.text(OrderImportField.CUSTOMER_EMAIL);
        String phone = o.text(OrderImportField.CUSTOMER_PHONE);
        if (name != null || kana != null || email != null || phone != null) {
            b.customer(new Customer(name, kana, email, phone));
        }
        Address orderer = address(o, OrderImportField.ORDERER_POSTAL_CODE, OrderImportField.ORDERER_PREFECTURE,
                OrderImportField.ORDERER_CITY, OrderImportField.ORDERER_STREET, OrderImportField.ORDERER_BUILDING);
        b.ordererAddress(orderer);
        Address shipTo = address(o, OrderImportField.SHIP_TO_POSTAL_CODE, OrderImportField.SHIP_TO_PREFECTURE,
                OrderImportField.SHIP_TO_CITY, OrderImportField.SHIP_TO_STREET, OrderImportField.SHIP_TO_BUILDING);
        String shipName = o.text(OrderImportField.SHIP_TO_NAME);
        if (shipTo != null || shipName != null) {
            b.destination(new NewDestination("1", shipName, o.text(OrderImportField.SHIP_TO_KANA),
                    o.text(OrderImportField.SHIP_TO_PHONE), null, shipTo));
        }
        b.payment(o.paymentMethod(), o.paymentStatus());
        b.charges(new Charges(o.amount(OrderImportField.SHIPPING_FEE), o.amount(OrderImportField.COD_FEE),
                o.amount(OrderImportField.OTHER_FEES), true));
        b.pointsUsed(o.amount(OrderImportField.POINTS_USED));
        b.channelGrandTotal(o.amountOrNull(OrderImportField.GRAND_TOTAL));
        String time = o.text(OrderImportField.DELIVERY_TIME);
        LocalDate date = o.date(OrderImportField.DELIVERY_DATE);
        if (time != null || date != null) {
            b.delivery(new DeliveryRequest(date, DeliveryTimeSlot.normalise(time), time, false, null));
        }
        for (CsvRow r : group) {
            Map<OrderImportField, String> line = new EnumMap<>(OrderImportField.class);
            for (OrderImportField f : OrderImportField.values()) {
                if (f.level() == OrderImportField.Level.LINE) {
                    String v = value(r, f);
                    if (v != null) {
                        line.put(f, v);
                    }
                }
            }
            Values l = new Values(r.line(), number, line, errors);
            Sku sku = null;
            String skuText = l.code(OrderImportField.SKU);
            if (skuText != null) {
                try {
                    sku = Sku.of(skuText);
                } catch (IllegalArgumentException e) {
                    errors.add(error(r.line(), number, OrderImportField.SKU, skuText,
                            "SKU は英数字と . _ + # - の64文字以内です"));
                }
            }
            Boolean includesTax = l.bool(OrderImportField.PRICE_INCLUDES_TAX);
            b.line(new NewOrderLine(null, null, l.code(OrderImportField.ITEM_CODE), l.code(OrderImportField.SUB_CODE), sku,
                    l.text(OrderImportField.ITEM_NAME), l.integer(OrderImportField.QUANTITY),
                    l.amount(OrderImportField.UNIT_PRICE), l.taxRate(), includesTax == null || includesTax));
        }
        if (!errors.isEmpty()) {
            return new ParsedOrder(number, first, lines, null, errors);
        }
        return new ParsedOrder(number, first, lines, b.build(), errors);
    }

    /** The order module's refusals of an order, as row errors on the row and column they come from. */
    List<RowError> rowErrors(ParsedOrder parsed, List<FieldError> refusals) {
        List<RowError> errors = new ArrayList<>();
        for (FieldError e : refusals) {
            long line = parsed.firstLine();
            String path = e.field();
            OrderImportField field = null;
            var m = Pattern.compile("lines\\[(\\d+)](?:\\.(\\w+))?").matcher(path);
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                if (i < parsed.lines().size()) {
                    line = parsed.lines().get(i);
                }
                field = m.group(2) == null ? null : switch (m.group(2)) {
                    case "quantity" -> OrderImportField.QUANTITY;
                    case "unitPrice" -> OrderImportField.UNIT_PRICE;
                    case "taxRate" -> OrderImportField.TAX_RATE;
                    case "name" -> OrderImportField.ITEM_NAME;
                    case "subCode" -> OrderImportField.SUB_CODE;
                    case "sku" -> OrderImportField.SKU;
                    default -> mapped.containsKey(OrderImportField.ITEM_CODE) ? OrderImportField.ITEM_CODE : OrderImportField.SKU;
                };
            } else {
                field = orderField(path);
            }
            Mapped mf = field == null ? null : mapped.get(field);
            String column = field == null ? null : mf == null ? field.header() : mf.columnName();
            errors.add(new RowError(line, parsed.number(), column, field == null ? path : field.field(), null,
                    e.message()));
        }
        return errors;
    }

    private static OrderImportField orderField(String path) {
        return switch (path) {
            case "channelOrderNumber" -> OrderImportField.ORDER_NUMBER;
            case "orderName" -> OrderImportField.ORDER_NAME;
            case "orderedAt" -> OrderImportField.ORDERED_AT;
            case "paymentMethod" -> OrderImportField.PAYMENT_METHOD;
            case "paymentStatus" -> OrderImportField.PAYMENT_STATUS;
            case "pointsUsed" -> OrderImportField.POINTS_USED;
            case "channelGrandTotal" -> OrderImportField.GRAND_TOTAL;
            case "remarks" -> OrderImportField.REMARKS;
            case "charges.shippingFee" -> OrderImportField.SHIPPING_FEE;
            case "charges.codFee" -> OrderImportField.COD_FEE;
            case "charges.otherFees" -> OrderImportField.OTHER_FEES;
            case "customer.name" -> OrderImportField.CUSTOMER_NAME;
            case "customer.kana" -> OrderImportField.CUSTOMER_KANA;
            case "customer.email" -> OrderImportField.CUSTOMER_EMAIL;
            case "customer.phone" -> OrderImportField.CUSTOMER_PHONE;
            case "delivery.timeSlot", "delivery.timeSlotText" -> OrderImportField.DELIVERY_TIME;
            case "delivery.date" -> OrderImportField.DELIVERY_DATE;
            case "destinations" -> OrderImportField.SHIP_TO_STREET;
            default -> {
                if (path.startsWith("ordererAddress.")) {
                    yield addressField(path.substring(15), true);
                }
                if (path.startsWith("destinations[0].")) {
                    String rest = path.substring(16);
                    yield switch (rest) {
                        case "name" -> OrderImportField.SHIP_TO_NAME;
                        case "kana" -> OrderImportField.SHIP_TO_KANA;
                        case "phone" -> OrderImportField.SHIP_TO_PHONE;
                        default -> rest.startsWith("address.") ? addressField(rest.substring(8), false) : null;
                    };
                }
                yield null;
            }
        };
    }

    private static OrderImportField addressField(String part, boolean orderer) {
        return switch (part) {
            case "postalCode" -> orderer ? OrderImportField.ORDERER_POSTAL_CODE : OrderImportField.SHIP_TO_POSTAL_CODE;
            case "prefecture" -> orderer ? OrderImportField.ORDERER_PREFECTURE : OrderImportField.SHIP_TO_PREFECTURE;
            case "city" -> orderer ? OrderImportField.ORDERER_CITY : OrderImportField.SHIP_TO_CITY;
            case "building" -> orderer ? OrderImportField.ORDERER_BUILDING : OrderImportField.SHIP_TO_BUILDING;
            default -> orderer ? OrderImportField.ORDERER_STREET : OrderImportField.SHIP_TO_STREET;
        };
    }

    private static Address address(Values v, OrderImportField postal, OrderImportField prefecture, OrderImportField city,
            OrderImportField street, OrderImportField building) {
        String p = v.text(postal), pr = v.text(prefecture), c = v.text(city), s = v.text(street), bu = v.text(building);
        if (p == null && pr == null && c == null && s == null && bu == null) {
            return null;
        }
        return new Address(p, pr, c, s, bu);
    }

    /** The cell of {@code field} as written (formula protection undone), {@code null} when empty or not mapped. */
    private String raw(CsvRow row, OrderImportField field) {
        Mapped m = mapped.get(field);
        if (m == null || m.index() < 0) {
            return null;
        }
        String cell = ExcelSafeCsvWriter.restore(row.cell(m.index()));
        return cell == null || cell.isBlank() ? null : cell.strip();
    }

    /** The cell, else the fixed value, rewritten by the value map. */
    private String value(CsvRow row, OrderImportField field) {
        Mapped m = mapped.get(field);
        if (m == null) {
            return null;
        }
        String v = raw(row, field);
        if (v == null) {
            v = m.mapping().fixedValue();
        }
        if (v == null) {
            return null;
        }
        if (!m.mapping().values().isEmpty()) {
            String k = key(v);
            for (var e : m.mapping().values().entrySet()) {
                if (key(e.getKey()).equals(k)) {
                    return e.getValue().isBlank() ? null : e.getValue();
                }
            }
        }
        return v;
    }

    private RowError error(long line, String number, OrderImportField field, String value, String message) {
        Mapped m = mapped.get(field);
        return new RowError(line, number, m == null ? field.header() : m.columnName(), field.field(), value, message);
    }

    /** For header and value-map comparison: NFKC, lower case, no spaces. */
    static String key(String text) {
        if (text == null) {
            return "";
        }
        return JapaneseText.nfkc(text).toLowerCase(Locale.ROOT).replaceAll("\\s", "");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** The values of one row (or the order-level values of an order) with typed reading and error collection. */
    private final class Values {
        private final long line;
        private final String number;
        private final Map<OrderImportField, String> values;
        private final List<RowError> errors;

        Values(long line, String number, Map<OrderImportField, String> values, List<RowError> errors) {
            this.line = line;
            this.number = number;
            this.values = values;
            this.errors = errors;
        }

        String text(OrderImportField f) {
            return values.get(f);
        }

        String code(OrderImportField f) {
            return JapaneseText.nfkcOrNull(values.get(f));
        }

        long amount(OrderImportField f) {
            Long v = amountOrNull(f);
            return v == null ? 0 : v;
        }

        Long amountOrNull(OrderImportField f) {
            String v = values.get(f);
            if (v == null) {
                return null;
            }
            String t = AMOUNT_NOISE.matcher(JapaneseText.nfkc(v)).replaceAll("");
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                errors.add(error(line, number, f, v, "金額は円単位の整数で入力してください"));
                return 0L;
            }
        }

        long integer(OrderImportField f) {
            String v = values.get(f);
            if (v == null) {
                return 0; // refused by the order module as a quantity below 1, naming the column
            }
            try {
                return Long.parseLong(JapaneseText.nfkc(v).replace(",", ""));
            } catch (NumberFormatException e) {
                errors.add(error(line, number, f, v, "整数で入力してください"));
                return 1;
            }
        }

        TaxRate taxRate() {
            String v = values.get(OrderImportField.TAX_RATE);
            if (v == null) {
                return null;
            }
            try {
                return TaxRate.parse(JapaneseText.nfkc(v));
            } catch (IllegalArgumentException e) {
                errors.add(error(line, number, OrderImportField.TAX_RATE, v, "税率は 10 か 8 です（10%、軽減8% なども可）"));
                return TaxRate.STANDARD_10;
            }
        }

        Boolean bool(OrderImportField f) {
            String v = values.get(f);
            if (v == null) {
                return null;
            }
            return switch (key(v)) {
                case "1", "true", "yes", "税込", "内税", "はい" -> true;
                case "0", "false", "no", "税抜", "外税", "いいえ" -> false;
                default -> {
                    errors.add(error(line, number, f, v, "税込 か 税抜（1 か 0）で入力してください"));
                    yield true;
                }
            };
        }

        Instant dateTime(OrderImportField f) {
            String v = values.get(f);
            if (v == null) {
                return null;
            }
            String t = JapaneseText.nfkc(v);
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                // not ISO with offset: Japan time below
            }
            for (DateTimeFormatter fmt : DATE_TIMES) {
                try {
                    return LocalDateTime.parse(t, fmt).atZone(SHOP_ZONE).toInstant();
                } catch (DateTimeParseException e) {
                    // next
                }
            }
            for (DateTimeFormatter fmt : DATES) {
                try {
                    return LocalDate.parse(t, fmt).atStartOfDay(SHOP_ZONE).toInstant();
                } catch (DateTimeParseException e) {
                    // next
                }
            }
            errors.add(error(line, number, f, v, "日時は 2025/04/01 10:00 の形で入力してください（日本時間）"));
            return null;
        }

        LocalDate date(OrderImportField f) {
            String v = values.get(f);
            if (v == null) {
                return null;
            }
            String t = JapaneseText.nfkc(v);
            for (DateTimeFormatter fmt : DATES) {
                try {
                    return LocalDate.parse(t, fmt);
                } catch (DateTimeParseException e) {
                    // next
                }
            }
            errors.add(error(line, number, f, v, "日付は 2025/04/01 の形で入力してください"));
            return null;
        }

        PaymentMethod paymentMethod() {
            String v = values.get(OrderImportField.PAYMENT_METHOD);
            if (v == null) {
                return null; // refused by the order module, naming the column
            }
            PaymentMethod m = PaymentMethod.parse(JapaneseText.nfkc(v));
            if (m == null) {
                String known = OrderImportSources.PAYMENT_TEXTS.get(JapaneseText.nfkc(v));
                m = known == null ? null : PaymentMethod.valueOf(known);
            }
            if (m == null) {
                errors.add(error(line, number, OrderImportField.PAYMENT_METHOD, v,
                        "支払方法がわかりません。取込元の値の変換で BANK_TRANSFER・COD・CARD などに対応させてください"));
                return PaymentMethod.OTHER;
            }
            return m;
        }

        PaymentStatus paymentStatus() {
            String v = values.get(OrderImportField.PAYMENT_STATUS);
            if (v == null) {
                return null;
            }
            PaymentStatus s = PaymentStatus.parse(JapaneseText.nfkc(v));
            if (s == null) {
                errors.add(error(line, number, OrderImportField.PAYMENT_STATUS, v,
                        "入金状況は 入金待ち・入金済・与信済・不要（PENDING・PAID・AUTHORIZED・NOT_REQUIRED）のいずれかです"));
            }
            return s;
        }
    }
}
