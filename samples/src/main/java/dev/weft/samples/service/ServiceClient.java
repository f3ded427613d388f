package dev.weft.samples.service;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The curl lines the service prints, and the same requests made with the JDK's HTTP client. */
final class ServiceClient {
    static final String NEW_ORDER = "{\"customer\":\"ada\",\"item\":\"tea\",\"quantity\":2,\"unitPriceCents\":350}";

    private ServiceClient() {
    }

    static List<String> curlLines(String base) {
        return List.of(
                "curl -s " + base + "/orders/1",
                "curl -s '" + base + "/orders?customer=ada&limit=3'",
                "curl -s -X POST " + base + "/orders -H 'Content-Type: application/json' -d '" + NEW_ORDER + "'",
                "curl -sN '" + base + "/orders/stream?everyMs=200'",
                "curl -sN '" + base + "/orders/stream?everyMs=200&format=ndjson'",
                "curl -s " + base + "/orders/abc");
    }

    /** Makes one request per endpoint and prints status and body (streams: the first lines). */
    static void selfCheck(URI base, PrintStream out) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            show(out, http, HttpRequest.newBuilder(base.resolve("/orders/1")).build());
            show(out, http, HttpRequest.newBuilder(base.resolve("/orders?customer=ada&limit=3")).build());
            show(out, http, HttpRequest.newBuilder(base.resolve("/orders"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(NEW_ORDER)).build());
            show(out, http, HttpRequest.newBuilder(base.resolve("/orders/abc")).build());
            show(out, http, HttpRequest.newBuilder(base.resolve("/orders/999")).build());
            HttpRequest stream = HttpRequest.newBuilder(base.resolve("/orders/stream?everyMs=20&format=ndjson")).build();
            HttpResponse<Stream<String>> lines = http.send(stream, HttpResponse.BodyHandlers.ofLines());
            out.println("GET " + stream.uri().getRawPath() + "?" + stream.uri().getRawQuery() + " -> " + lines.statusCode()
                    + " " + lines.headers().firstValue("content-type").orElse(""));
            try (Stream<String> body = lines.body()) {
                body.limit(3).forEach(line -> out.println("    " + line));
            } // closing the body after 3 lines disconnects: the server stops the stream and its query
            out.println("    (disconnected after 3 lines)");
        }
    }

    private static void show(PrintStream out, HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        out.println(request.method() + " " + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery())
                + " -> " + response.statusCode() + " " + (body.length() > 160 ? body.substring(0, 157) + "..." : body));
    }
}
