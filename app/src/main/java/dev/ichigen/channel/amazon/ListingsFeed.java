package dev.ichigen.channel.amazon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON_LISTINGS_FEED document ichigen sends for stock: one {@code PATCH} message per SKU merging
 * {@code /attributes/fulfillment_availability} with {@code [{fulfillment_channel_code: "DEFAULT", quantity: N}]}, an
 * absolute quantity (reference: amazon/json-listings-feed-example.json messages 4–5). Validated before upload
 * against Amazon's feed schema (json-listings-feed-schema-v2, resources/channel/amazon, copied from
 * shared/reference/amazon) and, per message, against the subset ichigen relies on
 * (fulfillment-availability-patch.schema.json, which names its sources) with the networknt json-schema-validator.
 */
final class ListingsFeed {

    /**
     * The product type of an offer-only PATCH. Amazon's documentation for updating the quantity of an existing listing
     * through JSON_LISTINGS_FEED / patchListingsItem uses the generic {@code PRODUCT} type (offer attributes such as
     * fulfillment_availability are the same for every product type).
     */
    static final String PRODUCT_TYPE = "PRODUCT";
    static final String CONTENT_TYPE = "application/json; charset=UTF-8";

    private static final Schema FEED = load("/channel/amazon/json-listings-feed-schema-v2.schema.json");
    private static final Schema MESSAGE = load("/channel/amazon/fulfillment-availability-patch.schema.json");

    private ListingsFeed() {
    }

    /** One SKU's absolute quantity. */
    record Entry(String sku, long quantity) {
    }

    static ObjectNode document(String sellerId, List<Entry> entries) {
        ObjectNode doc = AmazonClient.JSON.createObjectNode();
        ObjectNode header = doc.putObject("header");
        header.put("sellerId", sellerId);
        header.put("version", "2.0");
        header.put("issueLocale", "ja_JP");
        ArrayNode messages = doc.putArray("messages");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            ObjectNode m = messages.addObject();
            m.put("messageId", i + 1);
            m.put("sku", e.sku());
            m.put("operationType", "PATCH");
            m.put("productType", PRODUCT_TYPE);
            ObjectNode patch = m.putArray("patches").addObject();
            // merge, not replace: replace would drop the listing's other fulfillment_availability fields
            // (lead_time_to_ship_max_days = 出荷作業日数, restock_date); merge updates only the quantity of the DEFAULT
            // entry (SP-API changelog 2025-06-16 "Listings Items v2021-08-01 API and JSON_LISTING_FEED now include a JSON
            // patch merge operation"; tutorial "Merge a listing")
            patch.put("op", "merge");
            patch.put("path", "/attributes/fulfillment_availability");
            ObjectNode availability = patch.putArray("value").addObject();
            availability.put("fulfillment_channel_code", "DEFAULT");
            availability.put("quantity", e.quantity());
        }
        return doc;
    }

    /** What is wrong with a document: per message index (0-based) and for the document as a whole. */
    record Problems(Map<Integer, String> messages, List<String> document) {
        boolean none() {
            return messages.isEmpty() && document.isEmpty();
        }
    }

    /** Validates a whole document against the feed schema and every message against ichigen's message subset. */
    static Problems validate(JsonNode doc) {
        Map<Integer, String> messages = new LinkedHashMap<>();
        List<String> document = new ArrayList<>();
        for (com.networknt.schema.Error e : FEED.validate(doc)) {
            Integer index = messageIndex(e);
            if (index == null) {
                document.add(e.getInstanceLocation() + ": " + e.getMessage());
            } else {
                messages.putIfAbsent(index, e.getInstanceLocation() + ": " + e.getMessage());
            }
        }
        JsonNode list = doc.path("messages");
        for (int i = 0; i < list.size(); i++) {
            List<com.networknt.schema.Error> errors = MESSAGE.validate(list.get(i));
            if (!errors.isEmpty() && !messages.containsKey(i)) {
                com.networknt.schema.Error e = errors.get(0);
                messages.put(i, "messages[" + i + "]" + e.getInstanceLocation().toString().replaceFirst("^\\$", "") + ": "
                        + e.getMessage());
            }
        }
        return new Problems(messages, document);
    }

    private static Integer messageIndex(com.networknt.schema.Error e) {
        com.networknt.schema.path.NodePath at = e.getInstanceLocation();
        if (at.getNameCount() >= 2 && "messages".equals(String.valueOf(at.getElement(0)))
                && at.getElement(1) instanceof Integer index) {
            return index;
        }
        return null;
    }

    private static Schema load(String resource) {
        try (InputStream in = ListingsFeed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
