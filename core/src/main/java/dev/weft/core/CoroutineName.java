package dev.weft.core;

import java.util.Objects;

/**
 * The name of a coroutine, as a {@link CoroutineContext} element. A named coroutine's virtual
 * thread carries the name, so thread dumps ({@code jcmd <pid> Thread.dump_to_file}), debuggers,
 * JFR and {@link CoroutineDebug#dump()} show it.
 */
public final class CoroutineName implements CoroutineContext.Element {
    /** The key of this element. */
    public static final CoroutineContext.Key<CoroutineName> KEY = new CoroutineContext.Key<>("CoroutineName");

    private final String name;

    private CoroutineName(String name) {
        this.name = name;
    }

    /**
     * Creates a name element.
     *
     * @param name the name; must not be blank
     * @return the element
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static CoroutineName of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("coroutine name must not be blank");
        }
        return new CoroutineName(name);
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    @Override
    public CoroutineContext.Key<?> key() {
        return KEY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoroutineName other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "CoroutineName(" + name + ")";
    }
}
