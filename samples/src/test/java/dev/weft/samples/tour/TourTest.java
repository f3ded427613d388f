package dev.weft.samples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every section of the tour runs (section 5 with small counts) and prints what it claims. */
class TourTest {

    @Test
    void everySectionRunsAndShowsItsResult() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Tour.runQuick(stream);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1. Flux to coroutines", "2. Writing flows", "3. RxJava interop",
                "4. Structured concurrency", "5. What coroutines cost, measured live");
        // 1: every row of the database came back through the Flux
        assertThat(text).containsPattern("result Flux: 24 lines in [\\d,]+ ms").contains("#1 ada: 1 x tea = 150 cents (-0%)",
                "#3 linus: 3 x notebook = 540 cents (-10%)");
        // 2: without a buffer the producer emits element n+1 only after the collector took element n
        Matcher unbuffered = Pattern.compile("without buffer, the producer waits for the collector: (.*)").matcher(text);
        assertThat(unbuffered.find()).isTrue();
        assertThat(unbuffered.group(1).replaceAll("@\\d+", "")).isEqualTo("P1 C1 P2 C2 P3 C3 P4 C4 P5 C5");
        // with buffer(2) it produces 1 (taken by the collector), 2 and 3 (buffered), 4 (waiting to enter),
        // and 5 only after the collector has taken some: it waited
        Matcher buffered = Pattern.compile("with buffer\\(2\\), it runs ahead until 2 wait, then waits: (.*)").matcher(text);
        assertThat(buffered.find()).isTrue();
        String order = buffered.group(1).replaceAll("@\\d+", "");
        assertThat(order).startsWith("P1 P2 P3 P4 C1 ").endsWith(" C5");
        assertThat(order.indexOf("P5")).isGreaterThan(order.indexOf("C1"));
        assertThat(text).contains("= [9, 36, 81, 144]", "producer ran in a coroutine on carrier weft-io-",
                "delivered [answer on attempt 3]", "replaced by -1: [1, 2, -1]");
        // 3
        assertThat(text).contains("1200 EUR cents = 1296 USD cents", "75 EUR cents = 81 USD cents");
        // 4
        assertThat(text).contains("\"ada, 4 orders, gold\"", "withTimeoutOrNull(50 ms): null after",
                "the scope rethrew \"payment service down\"").containsPattern("inventory cancelled at \\+\\d+ ms")
                .containsPattern("shipping cancelled at \\+\\d+ ms");
        // 5 (small counts)
        assertThat(text).containsPattern("20,000 coroutines suspended at once: launched in [\\d,]+ ms .*, [\\d,]+ bytes each")
                .containsPattern("200 platform threads waiting at once")
                .containsPattern("handoff, two coroutines .*: [\\d,]+ ns")
                .contains("1,000 coroutines on one thread, each yielding then incrementing a plain int: 1,000 in")
                .containsPattern("100 answers in [\\d,]+ ms; had each call held its carrier: 100 x 50 ms / 2 carriers = 2,500 ms");
    }
}
