package dev.weft.core.internal;

import dev.weft.core.CoroutineContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A context of several elements: a small array, at most one element per key, in insertion order. */
public final class ContextImpl implements CoroutineContext {
    /** The empty context. */
    public static final ContextImpl EMPTY = new ContextImpl(new Element[0]);

    private final Element[] elements;

    private ContextImpl(Element[] elements) {
        this.elements = elements;
    }

    /** @return {@code a} plus {@code b}, elements of {@code b} replacing those of {@code a} with equal keys */
    public static CoroutineContext combine(CoroutineContext a, CoroutineContext b) {
        Element[] add = raw(b);
        if (add.length == 0) {
            return a;
        }
        Element[] base = raw(a);
        if (base.length == 0) {
            return b;
        }
        Element[] out = Arrays.copyOf(base, base.length + add.length);
        int n = base.length;
        for (Element e : add) {
            int i = indexOf(out, n, e.key());
            if (i >= 0) {
                out[i] = e;
            } else {
                out[n++] = e;
            }
        }
        return of(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /**
     * The elements of {@code c} as an array that must not be modified: a context of weft's own
     * without a copy (a coroutine start combines contexts two or three times, each of which copied
     * through {@code List.of} before).
     */
    private static Element[] raw(CoroutineContext c) {
        if (c instanceof ContextImpl ci) {
            return ci.elements;
        }
        if (c instanceof Element e) {
            return new Element[] {e};
        }
        return c.elements().toArray(new Element[0]);
    }

    /** @return {@code c} without the element under {@code key} */
    public static CoroutineContext minus(CoroutineContext c, Key<?> key) {
        List<Element> els = c.elements();
        Element[] arr = els.toArray(new Element[0]);
        int i = indexOf(arr, arr.length, key);
        if (i < 0) {
            return c;
        }
        Element[] out = new Element[arr.length - 1];
        System.arraycopy(arr, 0, out, 0, i);
        System.arraycopy(arr, i + 1, out, i, arr.length - i - 1);
        return of(out);
    }

    private static CoroutineContext of(Element[] arr) {
        if (arr.length == 0) {
            return EMPTY;
        }
        if (arr.length == 1) {
            return arr[0];
        }
        return new ContextImpl(arr);
    }

    private static int indexOf(Element[] arr, int n, Key<?> key) {
        for (int i = 0; i < n; i++) {
            if (arr[i].key() == key) {
                return i;
            }
        }
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Element> @Nullable E get(Key<E> key) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(elements, elements.length, key);
        return i < 0 ? null : (E) elements[i];
    }

    @Override
    public List<Element> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements)); // a view: the array never changes
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextImpl other && Arrays.equals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    @Override
    public String toString() {
        return "CoroutineContext" + Arrays.toString(elements);
    }
}
