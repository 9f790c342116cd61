package dev.ichigen.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.core.JacksonException;

/**
 * A JSON value of the wrong type ({@code "quantity": "two"}) is a validation problem naming the JSON field
 * ({@code lines[2].quantity}, 422), not a bare 400. Only for this package's controllers.
 */
@RestControllerAdvice(basePackageClasses = OrderApiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderApiErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String field = null;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : j.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                field = path.toString();
                break;
            }
        }
        if (field == null || field.isEmpty()) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "リクエスト本文を JSON として読めません");
            p.setTitle("Bad request");
            return p;
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, field + ": 値の型が正しくありません");
        p.setTitle("Invalid input");
        p.setType(URI.create("https://ichigen.dev/problems/invalid-input"));
        p.setProperty("errors", List.of(Map.of("field", field, "message", "値の型が正しくありません（数値・真偽値・文字列を確認してください）")));
        return p;
    }
}
