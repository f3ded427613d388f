package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input is refused when the operator is called (assembly time), with a clear exception. The
 * reflection-driven part passes {@code null} to each reference parameter of each public method of
 * {@link Flow}, one at a time (valid values for the others), and expects a
 * {@link NullPointerException} whose message names the parameter (the module compiles with
 * {@code -parameters}, so the names are the real ones). Parameters declared {@code @Nullable} are
 * skipped.
 */
class BadInputTest {

    @TestFactory
    Stream<DynamicTest> everyPublicMethodOfFlowRejectsNullNamingTheParameter() {
        Flow<Integer> receiver = Flow.of(1);
        List<Method> methods = Stream.of(Flow.class.getMethods())
                .filter(m -> !Modifier.isAbstract(m.getModifiers()))
                .sorted(Comparator.comparing(Method::toString))
                .toList();
        assertThat(methods).as("the operators").hasSizeGreaterThan(50);
        List<DynamicTest> tests = new ArrayList<>();
        for (Method m : methods) {
            Parameter[] params = m.getParameters();
            for (int i = 0; i < params.length; i++) {
                Parameter p = params[i];
                if (p.getType().isPrimitive() || p.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    continue;
                }
                int nullIndex = i;
                tests.add(DynamicTest.dynamicTest(m.getName() + "(" + p.getName() + " = null) " + signature(m),
                        () -> expectNpeNaming(receiver, m, nullIndex)));
            }
        }
        return tests.stream();
    }

    @Test
    void emitAllRejectsNull() {
        assertThatThrownBy(() -> Flow.flow(out -> out.emitAll(null)).toList())
                .isInstanceOf(NullPointerException.class).hasMessage("flow");
    }

    private static void expectNpeNaming(Object receiver, Method m, int nullIndex) throws Exception {
        Parameter[] params = m.getParameters();
        assertThat(params[nullIndex].isNamePresent()).as("compiled with -parameters").isTrue();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = i == nullIndex ? null : dummy(params[i].getType());
        }
        Object target = Modifier.isStatic(m.getModifiers()) ? null : receiver;
        try {
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            assertThat(e.getCause()).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining(params[nullIndex].getName());
            return;
        }
        fail(signature(m) + " accepted null for " + params[nullIndex].getName());
    }

    private static String signature(Method m) {
        return m.toGenericString().replace("dev.weft.flow.", "").replace("java.util.", "");
    }

    /** A valid, inert value of {@code type}; operators are only assembled, never collected. */
    static Object dummy(Class<?> type) {
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == Flow.class) {
            return Flow.of(1);
        }
        if (type == Object.class) {
            return 1;
        }
        if (type.isArray()) {
            Object array = java.lang.reflect.Array.newInstance(type.getComponentType(), 1);
            java.lang.reflect.Array.set(array, 0, dummy(type.getComponentType()));
            return array;
        }
        if (type == Class.class) {
            return Integer.class;
        }
        if (type == Iterable.class || type == Collection.class) {
            return new ArrayList<>(List.of(1));
        }
        if (type == java.util.Iterator.class) {
            return List.of(1).iterator();
        }
        if (type == Stream.class) {
            return Stream.of(1);
        }
        if (type == CompletionStage.class) {
            return CompletableFuture.completedFuture(1);
        }
        if (type == Throwable.class) {
            return new IllegalStateException("dummy");
        }
        if (type == Duration.class) {
            return Duration.ofMillis(10);
        }
        if (type == Dispatcher.class) {
            return Dispatchers.DEFAULT;
        }
        if (type == Function.class) {
            return Function.identity();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isInterface() && type.getName().startsWith("dev.weft.flow.") && !type.isAnnotationPresent(FunctionalInterface.class)) {
            for (java.lang.reflect.Field f : type.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && type.isAssignableFrom(f.getType())) {
                    try {
                        return f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        if (type.isInterface()) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "equals" -> proxy == a[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "dummy " + type.getSimpleName();
                    };
                }
                throw new AssertionError("a dummy " + type.getSimpleName() + " must not be used at assembly time");
            });
        }
        // a type added later (e.g. by the hot flows): a public constant or no-arg factory of its own
        for (java.lang.reflect.Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && type.isAssignableFrom(f.getType())) {
                try {
                    return f.get(null);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && type.isAssignableFrom(m.getReturnType())) {
                try {
                    return m.invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("BadInputTest has no dummy value for " + type);
    }

    @Test
    void badNumbersAreRefusedAtAssembly() {
        Flow<Integer> f = Flow.of(1);
        assertThatThrownBy(() -> f.take(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> f.drop(-2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
        assertThatThrownBy(() -> f.chunked(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> f.retry(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> f.retry(-1, e -> true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Flow.range(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
