package dev.weft.samples.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated order to create: what {@code POST /orders} accepts.
 *
 * @param customer who orders: 1 to 100 characters, not blank
 * @param item what: 1 to 100 characters, not blank
 * @param quantity 1 to 1,000
 * @param unitPriceCents 1 to 10,000,000
 */
public record NewOrder(String customer, String item, int quantity, long unitPriceCents) {
    static final int MAX_TEXT = 100;
    static final int MAX_QUANTITY = 1_000;
    static final long MAX_PRICE_CENTS = 10_000_000;

    /**
     * Parses and validates a JSON request body.
     *
     * @param mapper the JSON mapper
     * @param body the request body
     * @return the validated order
     * @throws ApiException (400) naming what is malformed or which fields are invalid and why
     */
    static NewOrder parse(ObjectMapper mapper, String body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        if (json == null || json.isMissingNode() || !json.isObject()) {
            throw ApiException.badRequest("malformed JSON: expected an object like "
                    + "{\"customer\":\"ada\",\"item\":\"tea\",\"quantity\":2,\"unitPriceCents\":350}");
        }
        List<String> problems = new ArrayList<>();
        String customer = text(json, "customer", problems);
        String item = text(json, "item", problems);
        long quantity = number(json, "quantity", MAX_QUANTITY, problems);
        long price = number(json, "unitPriceCents", MAX_PRICE_CENTS, problems);
        json.fieldNames().forEachRemaining(name -> {
            if (!List.of("customer", "item", "quantity", "unitPriceCents").contains(name)) {
                problems.add(name + ": unknown field");
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid order: " + String.join("; ", problems));
        }
        return new NewOrder(customer, item, (int) quantity, price);
    }

    private static String text(JsonNode json, String field, List<String> problems) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT) {
            problems.add(field + ": must be a non-blank string of at most " + MAX_TEXT + " characters");
            return "";
        }
        return v.asText().strip();
    }

    private static long number(JsonNode json, String field, long max, List<String> problems) {
        JsonNode v = json.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1 || v.asLong() > max) {
            problems.add(field + ": must be a whole number from 1 to " + max);
            return 0;
        }
        return v.asLong();
    }
}
