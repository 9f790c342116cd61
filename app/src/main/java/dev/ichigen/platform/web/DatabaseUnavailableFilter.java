package dev.ichigen.platform.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * While the database cannot be reached, every request answers {@code 503 Service Unavailable} with
 * {@code Retry-After} — a problem document for the API, a short Japanese page for the console — instead of a 500 or
 * a misleading 401 (API tokens, console sessions and everything else are looked up in the database, so the failure
 * can surface anywhere: in a security filter, the session filter or a controller).
 *
 * <p>It runs first of all filters, so it also covers Spring Session's JDBC session lookup. Nothing is retried here: a
 * request that failed wrote nothing (its transaction could not start or was rolled back), and the client decides
 * whether to try again. Background work is not affected by this filter; its workers keep running and resume by
 * themselves when the database is back (docs/RELIABILITY.md).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    /** Seconds a client is asked to wait: the connection pool's timeout is a few seconds, a database restart about as long. */
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!databaseUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            HttpServletRequest req = (HttpServletRequest) request;
            log.warn("database unavailable: {} {} answered 503 ({})", req.getMethod(), req.getRequestURI(), rootMessage(e));
            unavailable(req, (HttpServletResponse) response);
        }
    }

    /**
     * Whether the failure is the database being out of reach (no connection, a broken connection), as opposed to a
     * bug or a constraint violation. SQL state class 08 is "connection exception" (SQL standard, PostgreSQL appendix A).
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // a failed rollback on the dead connection hides the original failure (Spring keeps it aside)
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && databaseUnreachable(tse.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://ichigen.dev/problems/database-unavailable\","
                    + "\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"The database cannot be reached. Nothing was changed; try again in a few seconds.\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\">"
                    + "<title>一時的に利用できません</title></head><body><h1>一時的に利用できません</h1>"
                    + "<p>データベースに接続できません。変更は保存されていません。数秒後にもう一度お試しください。</p>"
                    + "</body></html>");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
