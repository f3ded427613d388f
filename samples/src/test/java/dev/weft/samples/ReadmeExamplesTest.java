package dev.weft.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadmeExamplesTest {

    @Test
    void examplesRunAndProduceWhatTheReadmeSays() {
        assertThat(ReadmeExamples.structuredConcurrency()).isEqualTo("ada has 3 orders");
        assertThat(ReadmeExamples.fluxToFlowAndBack())
                .containsExactly("order-2", "order-4", "order-6", "order-8", "order-10");
        assertThat(ReadmeExamples.awaitMono()).isEqualTo("hello");
        assertThat(ReadmeExamples.customFlow()).containsExactly(1, 4, 9);
        assertThat(ReadmeExamples.channels()).isEqualTo(5050);
        assertThat(QuickStart.steps()).containsExactly("step 1 of 42", "step 2 of 42", "step 3 of 42");
    }

    /** Every README code block marked as an example is, line for line, the code compiled here. */
    @Test
    void readmeShowsExactlyTheCompiledCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path readme = Files.exists(root.resolve("README.md")) ? root.resolve("README.md") : root.getParent().resolve("README.md");
        String text = Files.readString(readme);
        List<String> names = new ArrayList<>();
        // QuickStart: a whole class, imports included, as a user would copy it
        for (String file : List.of("ReadmeExamples.java", "QuickStart.java")) {
            String source = Files.readString(root.resolve("src/main/java/dev/weft/samples/" + file));
            Matcher m = Pattern.compile("// README:([a-z-]+)\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL).matcher(source);
            while (m.find()) {
                names.add(m.group(1));
                String snippet = m.group(2).stripIndent().strip();
                assertThat(normalize(text)).as("README contains example '%s'", m.group(1)).contains(normalize(snippet));
            }
        }
        assertThat(names).contains("structured-concurrency", "flux-round-trip", "await-mono", "custom-flow", "channels",
                "quick-start");
    }

    private static String normalize(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }
}
