package dev.ichigen.console;

import org.springframework.validation.BindingResult;

import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;

/**
 * Puts a module's refusal into a form's {@link BindingResult}, so the form is shown again with the
 * message next to the field ({@code th:errors="*{field}"}) or as an alert ({@code #fields.globalErrors()}).
 * Form fields are named exactly like the module's {@link FieldError#field()} (the API's JSON names);
 * an error for a field the form does not have becomes a global error.
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static void reject(BindingResult form, InvalidInputException e) {
        for (FieldError error : e.errors()) {
            if (form.getFieldType(error.field()) != null || isReadable(form, error.field())) {
                form.rejectValue(error.field(), "invalid", error.message());
            } else {
                form.reject("invalid", error.field() + ": " + error.message());
            }
        }
    }

    public static void reject(BindingResult form, ConflictException e) {
        form.reject("conflict", e.getMessage());
    }

    private static boolean isReadable(BindingResult form, String field) {
        try {
            form.getFieldValue(field);
            return true;
        } catch (RuntimeException notAProperty) {
            return false;
        }
    }
}
