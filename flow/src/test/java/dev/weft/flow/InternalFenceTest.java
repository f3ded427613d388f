package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.InternalApi;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fence around weft's internals (ADR 0009): no public or protected signature of an exported
 * package of weft-core or weft-flow names a type of an {@code internal} package or a type marked
 * {@link InternalApi}, and every {@code internal} package carries the marker. Otherwise an
 * application (or an adapter) would be handed machinery it must not use.
 */
class InternalFenceTest {
    private static final List<String> ROOTS = List.of("dev/weft/core", "dev/weft/flow");

    @Test
    void exportedSignaturesNameNoInternalType() throws Exception {
        List<Class<?>> classes = weftClasses();
        assertThat(classes).as("the scan found the modules' classes").hasSizeGreaterThan(100);
        Set<String> leaks = new TreeSet<>();
        int exported = 0;
        for (Class<?> c : classes) {
            if (isInternal(c) || !isVisible(c)) {
                continue;
            }
            exported++;
            String where = c.getName();
            check(leaks, where + " extends", c.getGenericSuperclass());
            for (Type t : c.getGenericInterfaces()) {
                check(leaks, where + " implements", t);
            }
            for (TypeVariable<?> v : c.getTypeParameters()) {
                checkBounds(leaks, where + "<" + v.getName() + ">", v);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visibleMember(f)) {
                    check(leaks, where + "." + f.getName(), f.getGenericType());
                }
            }
            List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredMethods()));
            executables.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable e : executables) {
                if (!visibleMember(e) || (e instanceof Method m && m.isBridge())) {
                    continue;
                }
                String sig = where + "." + (e instanceof Constructor<?> ? "<init>" : e.getName());
                if (e instanceof Method m) {
                    check(leaks, sig + " returns", m.getGenericReturnType());
                }
                for (Type p : e.getGenericParameterTypes()) {
                    check(leaks, sig + " parameter", p);
                }
                for (Type x : e.getGenericExceptionTypes()) {
                    check(leaks, sig + " throws", x);
                }
                for (TypeVariable<?> v : e.getTypeParameters()) {
                    checkBounds(leaks, sig + "<" + v.getName() + ">", v);
                }
            }
        }
        assertThat(exported).as("exported public types scanned").isGreaterThan(40);
        assertThat(leaks).as("public signatures of exported packages that name internal types").isEmpty();
    }

    @Test
    void everyInternalPackageCarriesTheMarker() throws Exception {
        Set<String> unmarked = new TreeSet<>();
        for (Class<?> c : weftClasses()) {
            if (isInternal(c) && !c.getPackage().isAnnotationPresent(InternalApi.class)) {
                unmarked.add(c.getPackageName());
            }
        }
        assertThat(unmarked).isEmpty();
    }

    @Test
    void theCheckSeesALeak() {
        // the checker itself: a signature naming an internal type is reported
        Set<String> leaks = new TreeSet<>();
        check(leaks, "probe", dev.weft.flow.internal.FusibleFlow.class);
        check(leaks, "probe", List.class);
        assertThat(leaks).containsExactly("probe names dev.weft.flow.internal.FusibleFlow");
    }

    private static void checkBounds(Set<String> leaks, String where, TypeVariable<?> v) {
        for (Type b : v.getBounds()) {
            check(leaks, where + " bound", b);
        }
    }

    private static void check(Set<String> leaks, String where, Type type) {
        if (type == null) {
            return;
        }
        switch (type) {
            case Class<?> c -> {
                Class<?> e = c;
                while (e.isArray()) {
                    e = e.getComponentType();
                }
                if (isInternal(e)) {
                    leaks.add(where + " names " + e.getName());
                }
            }
            case ParameterizedType p -> {
                check(leaks, where, p.getRawType());
                for (Type a : p.getActualTypeArguments()) {
                    check(leaks, where, a);
                }
            }
            case GenericArrayType g -> check(leaks, where, g.getGenericComponentType());
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    check(leaks, where, b);
                }
                for (Type b : w.getLowerBounds()) {
                    check(leaks, where, b);
                }
            }
            default -> {
                // a type variable: its bounds are checked where it is declared
            }
        }
    }

    private static boolean isInternal(Class<?> c) {
        if (!c.getName().startsWith("dev.weft.")) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (k.isAnnotationPresent(InternalApi.class)) {
                return true;
            }
        }
        return c.getPackageName().endsWith(".internal") || c.getPackageName().contains(".internal.");
    }

    /** A type an application can name: public, and (if nested) inside visible types only. */
    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visibleMember(Member m) {
        if (m.isSynthetic()) {
            return false;
        }
        int mod = m.getModifiers();
        if (Modifier.isPublic(mod)) {
            return true;
        }
        // protected members are visible to subclasses, but only of classes that can be subclassed
        return Modifier.isProtected(mod) && !Modifier.isFinal(m.getDeclaringClass().getModifiers());
    }

    private static List<Class<?>> weftClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = InternalFenceTest.class.getClassLoader();
        for (String root : ROOTS) {
            Enumeration<URL> urls = loader.getResources(root);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("jar")) {
                    JarURLConnection conn = (JarURLConnection) url.openConnection();
                    try (JarFile jar = conn.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String n = e.nextElement().getName();
                            if (n.startsWith(root + "/") && n.endsWith(".class")) {
                                names.add(n);
                            }
                        }
                    }
                } else {
                    Path dir = Paths.get(url.toURI());
                    if (dir.toString().contains("test-classes")) {
                        continue; // the modules' own tests are not API
                    }
                    Path base = dir;
                    for (String ignored : root.split("/")) {
                        base = base.getParent();
                    }
                    Path b = base;
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.toString().endsWith(".class"))
                                .forEach(f -> names.add(b.relativize(f).toString().replace('\\', '/')));
                    }
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            if (n.endsWith("package-info.class") || n.endsWith("module-info.class")) {
                continue;
            }
            String cn = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            classes.add(Class.forName(cn, false, loader));
        }
        return classes;
    }
}
