package dev.weft.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The shared null check reports what it should, so the modules' BadInputTests can fail. */
class NullArgumentsTest {

    /** A well-behaved API: each parameter checked and named. */
    public static final class Checked {
        private Checked() {
        }

        /**
         * @param first a value
         * @param count ignored (primitive: never passed null)
         * @return first
         */
        public static String call(String first, int count) {
            return Objects.requireNonNull(first, "first");
        }
    }

    /** An API that forgets one check and names another wrongly. */
    public static final class Careless {
        private Careless() {
        }

        /** @param value accepted even when null */
        public static void accepts(Object value) {
        }

        /** @param value checked, but the message names something else */
        public static void misnames(Object value) {
            Objects.requireNonNull(value, "the value");
        }
    }

    @Test
    void aCheckedApiPasses() throws Exception {
        NullArguments.Result r = NullArguments.check(List.of(Checked.class), t -> t == int.class ? (Object) 0 : "x");
        assertThat(r.checked()).isEqualTo(1);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void anUncheckedOrMisnamedParameterIsReported() throws Exception {
        NullArguments.Result r = NullArguments.check(List.of(Careless.class), t -> new Object());
        assertThat(r.checked()).isEqualTo(2);
        assertThat(r.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("accepts").contains("accepted null"))
                .anySatisfy(p -> assertThat(p).contains("misnames").contains("threw"));
    }
}
