package dev.ichigen.console;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Console language and error pages. The console is Japanese unless the user picks English with
 * {@code ?lang=en}; the browser's Accept-Language is deliberately ignored (shops run Japanese
 * browsers and English ones alike, and staff expect the same screen). The choice is kept in a cookie.
 */
@Configuration
class ConsoleWebConfiguration implements WebMvcConfigurer {

    static final String LANGUAGE_COOKIE = "ichigen-lang";
    static final Set<String> LANGUAGES = Set.of("ja", "en");

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setDefaultLocale(Locale.JAPANESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor language = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                // Anything but ja/en clears the cookie, i.e. back to Japanese.
                return value != null && LANGUAGES.contains(value) ? Locale.forLanguageTag(value) : null;
            }
        };
        language.setParamName("lang");
        language.setHttpMethods("GET");
        registry.addInterceptor(language);
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.addFirst(new ConsoleErrorPages());
    }
}
