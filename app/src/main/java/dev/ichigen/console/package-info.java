/**
 * The operator console (管理画面): server-rendered screens in Japanese (English switchable) over the
 * other modules' APIs. Owns no tables and no business rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "console")
package dev.ichigen.console;
