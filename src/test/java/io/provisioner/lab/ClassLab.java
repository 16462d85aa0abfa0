package io.provisioner.lab;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: one lab component for a whole test class, started before the class's first test and
 * stopped after its last, whatever happened in between (the way {@link SshdLab} is).
 * <pre>
 * &#64;RegisterExtension
 * static final ClassLab&lt;MariaDbServer&gt; DB = MariaDbServer.perClass(db -&gt; db.rootPassword("Root1pass"));
 * ... DB.get().port() ...
 * </pre>
 * The component's requirements are checked first ({@link Requirements}: skipped on a machine without it,
 * a failure with {@code CI=true}). Components that need each other (a server inside a namespace) are
 * registered in that order with {@code @Order}; JUnit stops them in the reverse order.
 */
public final class ClassLab<T extends LabComponent> implements BeforeAllCallback, AfterAllCallback {
    /** Starts the component; may throw what its start throws. */
    @FunctionalInterface
    public interface Starter<T> {
        T start() throws Exception;
    }

    private final Runnable requirements;
    private final Starter<T> starter;
    private T component;

    private ClassLab(Runnable requirements, Starter<T> starter) {
        this.requirements = requirements;
        this.starter = starter;
    }

    /** {@code requirements} skip (or fail in CI) before anything starts; {@code starter} starts the component. */
    public static <T extends LabComponent> ClassLab<T> of(Runnable requirements, Starter<T> starter) {
        return new ClassLab<>(requirements, starter);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        requirements.run();
        component = starter.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (component != null) {
            component.close();
            component = null;
        }
    }

    /** The running component; only between the class's beforeAll and afterAll. */
    public T get() {
        if (component == null) {
            throw new IllegalStateException("the lab component is not running: use it from the class's tests,"
                    + " with the ClassLab registered as a static @RegisterExtension field");
        }
        return component;
    }
}
