package dev.weft.core.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reflective null check that every module's {@code BadInputTest} runs over its public API: each
 * public static method is called once per reference parameter with {@code null} there (and a sample
 * value everywhere else), and must throw a {@link NullPointerException} whose message names that
 * parameter ({@code Objects.requireNonNull(x, "x")}).
 */
public final class NullArguments {
    private NullArguments() {
    }

    /**
     * What a check found.
     *
     * @param checked  how many (method, parameter) pairs were called with null
     * @param problems one line per pair that accepted null or threw something else
     */
    public record Result(int checked, List<String> problems) {
    }

    /**
     * Checks every public static method of {@code apis}.
     *
     * @param apis   the API classes
     * @param sample a non-null sample value for a parameter type (fail for an unknown type)
     * @return what was checked and what failed
     * @throws ReflectiveOperationException if a method cannot be called at all
     */
    public static Result check(List<Class<?>> apis, Function<Class<?>, Object> sample)
            throws ReflectiveOperationException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> api : apis) {
            for (Method m : api.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] types = m.getParameterTypes();
                for (int nullAt = 0; nullAt < types.length; nullAt++) {
                    if (types[nullAt].isPrimitive()) {
                        continue;
                    }
                    Object[] args = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        args[i] = i == nullAt ? null : sample.apply(types[i]);
                    }
                    checked++;
                    try {
                        m.invoke(null, args);
                        problems.add(m + " accepted null at " + nullAt);
                    } catch (InvocationTargetException e) {
                        String name = m.getParameters()[nullAt].getName();
                        if (!(e.getCause() instanceof NullPointerException npe) || !names(npe.getMessage(), name)) {
                            problems.add(m + " threw " + e.getCause() + " for null at " + nullAt + " (" + name + ")");
                        }
                    }
                }
            }
        }
        return new Result(checked, problems);
    }

    /** The message names the parameter: exactly, when the class file kept parameter names. */
    private static boolean names(String message, String parameter) {
        if (message == null || message.isBlank()) {
            return false;
        }
        boolean namesKept = !parameter.matches("arg\\d+");
        return namesKept ? message.equals(parameter) : !message.contains(" ");
    }
}
