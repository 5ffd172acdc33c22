package dev.tender.core.sys;

/**
 * Initialises the native bindings on a daemon thread, so that JNA's start-up (tens of milliseconds in a cold
 * JVM, most of it java.util.logging inside JNA) overlaps with work the tender does in pure Java first (reading
 * and checking the image). The first native call then finds the classes ready or waits for them; class
 * initialisation is thread-safe. A named class, not a lambda: a JVM's first lambda costs start-up time too.
 */
public final class NativeWarmUp extends Thread {
    private NativeWarmUp() {
        super("tender-native-warm-up");
        setDaemon(true);
    }

    /** Starts initialising {@link LibC} and {@link Epoll} in the background. */
    public static void begin() {
        new NativeWarmUp().start();
    }

    @Override
    public void run() {
        try {
            Class.forName("dev.tender.core.sys.LibC");
            Class.forName("dev.tender.core.sys.Epoll");
        } catch (ClassNotFoundException | LinkageError e) {
            // the first real use reports the failure with its own message
        }
    }
}
