package dev.weft.core;

import dev.weft.core.internal.ContextImpl;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of {@link Element}s, at most one per {@link Key}, that a coroutine carries: its
 * {@link Dispatcher}, its {@link CoroutineName}, and elements that other modules add (a Reactor
 * context, for example).
 *
 * <p>An element is itself a context holding just that element, so both
 * {@code scope.launch(Dispatchers.IO, block)} and
 * {@code scope.launch(Dispatchers.IO.plus(CoroutineName.of("loader")), block)} read naturally. A
 * child coroutine's context is its parent's context plus what {@code launch} adds; an element of
 * the added context replaces the parent's element with the same key.
 */
public interface CoroutineContext {

    /**
     * Returns the element of this context with the given key.
     *
     * @param key the key to look up
     * @param <E> the element type
     * @return the element, or {@code null} if this context has none with that key
     * @throws NullPointerException if {@code key} is null
     */
    <E extends Element> @Nullable E get(Key<E> key);

    /**
     * Returns a context holding the elements of this context and of {@code other}; where both
     * hold an element with the same key, the one of {@code other} wins.
     *
     * @param other the context to add
     * @return the combined context
     * @throws NullPointerException if {@code other} is null
     */
    default CoroutineContext plus(CoroutineContext other) {
        Objects.requireNonNull(other, "other");
        return ContextImpl.combine(this, other);
    }

    /**
     * Returns this context without the element with the given key.
     *
     * @param key the key to remove
     * @return a context without that key (possibly this one)
     * @throws NullPointerException if {@code key} is null
     */
    default CoroutineContext minusKey(Key<?> key) {
        Objects.requireNonNull(key, "key");
        return ContextImpl.minus(this, key);
    }

    /**
     * Returns the elements of this context in the order they were added.
     *
     * @return an unmodifiable list of the elements
     */
    List<Element> elements();

    /**
     * Returns the dispatcher of this context.
     *
     * @return the dispatcher, or {@code null} if this context names none (a coroutine launched
     *         with such a context inherits its parent's dispatcher, or {@link Dispatchers#DEFAULT})
     */
    default @Nullable Dispatcher dispatcher() {
        return get(Dispatcher.KEY);
    }

    /**
     * Returns the empty context.
     *
     * @return a context without elements
     */
    static CoroutineContext empty() {
        return ContextImpl.EMPTY;
    }

    /**
     * Returns a context holding the given elements; a later element replaces an earlier one with
     * the same key.
     *
     * @param elements the elements
     * @return the context
     * @throws NullPointerException if {@code elements} or one of them is null
     */
    static CoroutineContext of(Element... elements) {
        Objects.requireNonNull(elements, "elements");
        CoroutineContext result = ContextImpl.EMPTY;
        for (Element e : elements) {
            result = result.plus(Objects.requireNonNull(e, "element"));
        }
        return result;
    }

    /**
     * One entry of a context. An element is also a context that holds only itself.
     */
    interface Element extends CoroutineContext {
        /**
         * Returns the key of this element.
         *
         * @return the key under which this element is stored
         */
        Key<?> key();

        @Override
        @SuppressWarnings("unchecked")
        default <E extends Element> @Nullable E get(Key<E> key) {
            Objects.requireNonNull(key, "key");
            return key == key() ? (E) this : null;
        }

        @Override
        default List<Element> elements() {
            return List.of(this);
        }
    }

    /**
     * Identifies a kind of {@link Element}. Keys compare by identity: declare each as a constant.
     *
     * @param <E> the element type stored under this key
     */
    final class Key<E extends Element> {
        private final String name;

        /**
         * Creates a key.
         *
         * @param name a readable name for {@link #toString()}
         * @throws NullPointerException if {@code name} is null
         */
        public Key(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
