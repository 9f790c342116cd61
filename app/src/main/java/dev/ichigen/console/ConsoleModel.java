package dev.ichigen.console;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.ichigen.platform.Role;
import dev.ichigen.platform.UserManagement;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every console page (and the error pages, which use the same layout) needs: the signed-in user
 * for the navbar and the current path to mark the active menu entry.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class, assignableTypes = ErrorController.class)
class ConsoleModel {

    /** The signed-in console user as shown in the navbar. */
    record SignedInUser(String username, String displayName, Role role) {
    }

    private final UserManagement users;

    ConsoleModel(UserManagement users) {
        this.users = users;
    }

    @ModelAttribute("signedInUser")
    SignedInUser signedInUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return users.find(auth.getName())
                .map(u -> new SignedInUser(u.username(), u.displayName(), u.role()))
                .orElse(null);
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        Object errorPath = request.getAttribute("jakarta.servlet.error.request_uri");
        String uri = errorPath instanceof String s ? s : request.getRequestURI();
        return uri.substring(request.getContextPath().length());
    }
}
