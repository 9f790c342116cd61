/**
 * Values every module speaks in: SKUs, barcodes (JAN/EAN/UPC), tax rates, and the domain
 * exceptions that carry field-level errors. Its {@code csv} part reads and writes the CSV files
 * Japanese shops exchange (UTF-8 with or without BOM, Shift_JIS/CP932). Holds no state and no tables.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.ichigen.shared;
