/**
 * The demo data set loaded with {@code --demo}: about 50 products of a Japanese tea-and-crafts shop
 * (incl. variations and sets), two warehouses with locations and stock, sales channels with listings.
 * Goes through the same module APIs (and the same CSV importer) a shop would use; loads only into an
 * empty product master.
 */
@org.springframework.modulith.ApplicationModule(displayName = "demo")
package dev.ichigen.demo;
