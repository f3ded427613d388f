package dev.weft.samples.service;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Path and query parameters, parsed or refused with a 400 that says what was expected. */
final class Params {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final long DEFAULT_EVERY_MS = 100;
    static final long MAX_EVERY_MS = 60_000;

    private final Map<String, List<String>> query;

    Params(String uri) {
        this.query = new QueryStringDecoder(uri).parameters();
    }

    static long id(@Nullable String raw) {
        try {
            return Long.parseLong(raw == null ? "" : raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("order id must be a whole number, got '" + raw + "'");
        }
    }

    @Nullable String text(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    long number(String name, long min, long max, long fallback) {
        String raw = text(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message as a value out of range
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
    }
}
