package dev.tender.it.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** This machine: commands are child processes of the test JVM. */
public final class NativeHost implements TestHost {
    static final NativeHost INSTANCE = new NativeHost();

    private NativeHost() {
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public HostProcess start(List<String> argv, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        try {
            return new Child(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child process whose two output streams are read as they come. */
    public static final class Child implements HostProcess {
        private final Process process;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Child(Process p) {
            this.process = p;
            this.outReader = reader(p.getInputStream(), out);
            this.errReader = reader(p.getErrorStream(), err);
        }

        private static Thread reader(InputStream in, StringBuffer into) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    into.append("[read error: ").append(e.getMessage()).append(']');
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public String stdout() {
            return out.toString();
        }

        @Override
        public String stderr() {
            return err.toString();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        /** kill(1), not Process.destroy(), which would also close the pipes being read. */
        @Override
        public void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
                if (kill.waitFor() != 0 && process.isAlive()) {
                    throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public boolean waitFor(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
                outReader.join(10_000);
                errReader.join(10_000);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public int exitValue() {
            return process.exitValue();
        }

        /** The process id, for tests that inspect /proc of a tender on this machine. */
        public long pid() {
            return process.pid();
        }
    }
}
