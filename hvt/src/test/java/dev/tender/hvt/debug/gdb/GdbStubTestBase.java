package dev.tender.hvt.debug.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A stub on 127.0.0.1 with a connected {@link RspClient}, stopped at {@link Stop.Initial}: the command loop runs
 * on its own thread, the test plays gdb, and waiting for the loop's result times out instead of hanging.
 */
abstract class GdbStubTestBase {
    private static final long TIMEOUT_SECONDS = 10;

    protected final FakeTarget target = new FakeTarget(0x10000, 64, 2);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ExecutorService stub = Executors.newSingleThreadExecutor();
    protected RspClient gdb;
    protected GdbSession session;
    /** The command loop of the initial stop. */
    protected Future<Resume> loop;

    @BeforeEach
    void connect() throws Exception {
        try (GdbServer server = GdbServer.bind(InetAddress.getLoopbackAddress(), 0)) {
            gdb = new RspClient(server.port());
            session = server.accept("kernel.hvt",
                    new Diagnostics("tender", new PrintStream(err, true, StandardCharsets.UTF_8)));
        }
        loop = stopped(new Stop.Initial());
    }

    @AfterEach
    void disconnect() throws Exception {
        gdb.close();
        session.close();
        stub.shutdownNow();
        stub.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the stub printed on its stderr. */
    protected String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Starts {@link GdbSession#stopped} on the stub's thread. */
    protected Future<Resume> stopped(Stop stop) {
        return stub.submit(() -> session.stopped(stop, target));
    }

    /** Sends {@code c} and checks that the initial stop's loop returns {@link Resume#CONTINUE}. */
    protected void continues() throws Exception {
        gdb.send("c");
        assertThat(resume(loop)).isEqualTo(Resume.CONTINUE);
    }

    /** The command loop's result. */
    protected static Resume resume(Future<Resume> loop) throws Exception {
        try {
            return loop.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The TenderException the command loop ended with. */
    protected static TenderException failure(Future<Resume> loop) throws Exception {
        try {
            Resume resume = loop.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("the loop returned " + resume + " instead of failing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TenderException tender) {
                return tender;
            }
            throw new AssertionError("the loop failed with something else", e.getCause());
        }
    }
}
