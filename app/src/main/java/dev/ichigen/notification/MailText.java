package dev.ichigen.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ichigen.shared.FieldError;

/**
 * The placeholder language of mail templates, and nothing more: {@code {{name}}} (spaces inside the braces allowed)
 * is replaced by the value of a {@link MailVariable}; everything else is literal text, including {@code ${...}},
 * {@code [[...]]}, {@code #{...}} and {@code *{...}}. Replacement is one pass over the template: a value that itself
 * contains {@code {{...}}} (a customer named "{{order.total}}") is inserted as it is, never expanded again.
 */
final class MailText {

    /** Anything between double braces — checked against the variable list on save. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    private MailText() {
    }

    /**
     * The problems of a template's {@code field} text for {@code kind}: every {@code {{…}}} must name a variable of
     * the fixed list that the kind offers, and a {@code {{} must be closed.
     */
    static List<FieldError> check(MailKind kind, String field, String text) {
        List<FieldError> errors = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int end = 0;
        while (m.find()) {
            String name = m.group(1).strip();
            MailVariable v = MailVariable.byKey(name);
            if (v == null) {
                errors.add(new FieldError(field, "差し込み項目 {{" + m.group(1) + "}} はありません（使える項目: "
                        + String.join(" ", kind.variables().stream().map(MailVariable::placeholder).toList()) + "）"));
            } else if (!v.availableIn(kind)) {
                errors.add(new FieldError(field, "差し込み項目 " + v.placeholder() + " は" + kind.label() + "メールでは使えません"));
            }
            end = m.end();
        }
        if (text.indexOf("{{", end) >= 0) {
            errors.add(new FieldError(field, "「{{」が「}}」で閉じられていません"));
        }
        return errors;
    }

    /** The text with each placeholder replaced by its value (an unknown one — impossible after {@link #check} — by ""). */
    static String render(String text, Map<MailVariable, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            MailVariable v = MailVariable.byKey(m.group(1).strip());
            String value = v == null ? "" : values.getOrDefault(v, "");
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A subject is one line: line breaks in values (e.g. several tracking numbers) become spaces. */
    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
