package dev.ichigen.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * For console (non-API) requests, turns exceptions into an error status so that the servlet container
 * renders {@code templates/error/<status>.html} in the console layout. Without this, Spring Boot's
 * problem-details handler (enabled for the REST API) would answer a browser with JSON, e.g. for
 * {@code /products} before that screen exists. {@code /api/**} is left to {@code ApiExceptionHandler};
 * access-denied exceptions are left to Spring Security, which answers 403 with {@code error/403.html}.
 */
class ConsoleErrorPages implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrorPages.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/v3/")) {
            return null;
        }
        int status;
        if (ex instanceof NotFoundException) {
            status = 404;
        } else if (ex instanceof ConflictException) {
            status = 409;
        } else if (ex instanceof InvalidInputException) {
            status = 422;
        } else if (ex instanceof TypeMismatchException) {
            status = 400;
        } else if (ex instanceof ErrorResponse error) {
            status = error.getStatusCode().value();
        } else {
            return null;
        }
        if (status >= 500) {
            log.error("{} {} failed with {}", request.getMethod(), path, status, ex);
        }
        try {
            response.sendError(status);
        } catch (java.io.IOException e) {
            return null;
        }
        return new ModelAndView();
    }
}
