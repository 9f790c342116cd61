/**
 * Japanese addresses (住所): Japan Post's postal code data (郵便番号データ, shipped with the app and
 * refreshable from the official KEN_ALL files), postal code lookup, checking that an address matches its
 * postal code after normalising how people write addresses, and recognising remote islands (離島) and
 * Okinawa. Knows nothing of orders or carriers' rates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "address", allowedDependencies = { "shared", "platform" })
package dev.ichigen.address;
