package dev.tender.hvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.mem.GuestAccessException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.GuestWriteFault;
import dev.tender.core.stats.StatsRegistry;
import dev.tender.core.sys.Errno;
import dev.tender.hvt.arch.x86_64.X86HvtArch;
import dev.tender.hvt.kvm.ScriptedVcpu;
import dev.tender.hvt.kvm.VmExit;
import dev.tender.hvt.sys.KvmApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run loop on x86_64 without KVM: scripted exits over real guest memory and a real hypercall table. */
class RunLoopTest {
    private static final long MIB = 1L << 20;
    private static final long SIZE = 4 * MIB;
    private static final long HALT_ARGS = 0x20_0000L;
    // hypercall numbers (docs/abi.md §7.1)
    private static final int PUTS = 2;
    private static final int BLOCK_WRITE = 4;
    private static final int BLOCK_READ = 5;
    private static final int NET_WRITE = 6;
    private static final int NET_READ = 7;
    private static final int HALT = 8;
    private static final int LIMIT = 9;

    private final ScriptedVcpu vcpu = new ScriptedVcpu().rip(0x10_1234L);
    private final HypercallTable table = new HypercallTable(LIMIT);
    private final List<String> calls = new ArrayList<>();
    private final StatsRegistry stats = new StatsRegistry();
    private int haltHookRuns;
    private GuestMemory mem;

    @BeforeEach
    void map() throws Exception {
        mem = GuestMemory.allocate(SIZE);
    }

    @AfterEach
    void unmap() {
        mem.close();
    }

    private int run() throws TenderException {
        return new RunLoop(new X86HvtArch(), vcpu, mem, table, (status, cookie) -> haltHookRuns++,
                GuestCounters.register(stats, table)).run();
    }

    private static VmExit.Io hypercall(int nr, long gpa) {
        return new VmExit.Io(0x500 + nr, 4, true, gpa);
    }

    /** struct hvt_hc_halt at {@link #HALT_ARGS}, and the OUTL that passes it. */
    private VmExit.Io halt(long cookie, int status) {
        mem.putLong(HALT_ARGS, cookie);
        mem.putInt(HALT_ARGS + 8, status);
        return hypercall(HALT, HALT_ARGS);
    }

    private void record(int nr, String name) {
        table.register(nr, name, gpa -> calls.add(name + "@" + Long.toHexString(gpa)));
    }

    private void fails(String message) {
        assertThatThrownBy(this::run).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e).hasMessage(message);
            assertThat(e.exitStatus()).isEqualTo(1);
        });
        assertThat(haltHookRuns).as("halt hooks run only on HALT").isZero();
        assertThat(vcpu.remaining()).as("the loop stops at the failing exit").isZero();
    }

    @Test
    void eachHypercallGoesToItsHandlerWithItsGpaUntilHalt() throws Exception {
        record(PUTS, "PUTS");
        record(BLOCK_READ, "BLOCK_READ");
        record(NET_WRITE, "NET_WRITE");
        vcpu.then(hypercall(PUTS, 0x3000))
                .then(hypercall(BLOCK_READ, 0x4010))
                .then(new VmExit.Interrupted())
                .then(hypercall(NET_WRITE, 0xFFFF_FFF0L))
                .then(hypercall(PUTS, 0x3020))
                .then(halt(0, 7));
        assertThat(run()).isEqualTo(7);
        assertThat(calls).containsExactly("PUTS@3000", "BLOCK_READ@4010", "NET_WRITE@fffffff0", "PUTS@3020");
        assertThat(vcpu.runs()).isEqualTo(6);
        assertThat(haltHookRuns).isOne();
    }

    @Test
    void exitsAreCountedByReasonAndHypercallsByName() throws Exception {
        record(PUTS, "PUTS");
        record(NET_WRITE, "NET_WRITE");
        vcpu.then(hypercall(PUTS, 0x3000)).then(new VmExit.Interrupted()).then(hypercall(PUTS, 0x3020))
                .then(hypercall(NET_WRITE, 0x3040)).then(halt(0, 0));
        assertThat(run()).isZero();
        assertThat(stats.snapshot().stream().map(x -> x.family().name() + ":" + x.labels().get(1) + "=" + x.value()))
                .containsExactly("vm_exits:io=4", "vm_exits:mmio=0", "vm_exits:signal=1", "vm_exits:other=0",
                        "hypercalls:PUTS=2", "hypercalls:NET_WRITE=1", "hypercalls:HALT=1");
    }

    @Test
    void haltReturnsTheLowByteOfTheStatus() throws Exception {
        vcpu.then(halt(0, 0x1_2345));
        assertThat(run()).isEqualTo(0x45);
        vcpu.then(halt(0, -1));
        assertThat(run()).isEqualTo(255);
        vcpu.then(halt(0, 256));
        assertThat(run()).isZero();
        assertThat(haltHookRuns).isEqualTo(3);
    }

    @Test
    void haltAcceptsACookieWith512ReadableBytes() throws Exception {
        vcpu.then(halt(SIZE - 513, 3));
        assertThat(run()).isEqualTo(3);
    }

    @Test
    void haltWithACookieBeyondMemoryIsAnInvalidAccess() {
        vcpu.then(halt(SIZE - 512, 3));
        fails("hvt/HALT:8: Invalid guest access: gpa=0x3ffe00, sz=512");
    }

    @Test
    void haltArgumentsOutsideMemoryAreAnInvalidAccess() {
        vcpu.then(hypercall(HALT, SIZE - 16));
        fails("hvt/HALT:8: Invalid guest access: gpa=0x3ffff0, sz=16");
    }

    @Test
    void aNumberWithoutAHandlerIsAnInvalidHypercall() {
        record(PUTS, "PUTS");
        vcpu.then(hypercall(NET_READ, 0x1000));
        fails("Invalid guest hypercall: num=7");
        vcpu.then(hypercall(0, 0x1000));
        fails("Invalid guest hypercall: num=0");
        assertThat(calls).isEmpty();
    }

    @Test
    void aPortOutsideTheHypercallsEndsTheGuest() {
        record(PUTS, "PUTS");
        vcpu.then(new VmExit.Io(0x509, 4, true, 0x1000));
        fails("Invalid guest port access: port=0x509");
        vcpu.then(new VmExit.Io(0x502, 4, false, 0x1000));
        fails("Invalid guest port access: port=0x502");
        assertThat(calls).isEmpty();
    }

    @Test
    void aHandlersInvalidAccessNamesTheHypercall() {
        table.register(BLOCK_WRITE, "BLOCK_WRITE", gpa -> {
            throw new GuestAccessException(gpa + 8, 4096);
        });
        table.register(NET_READ, "NET_READ", gpa -> {
            throw new GuestWriteFault(gpa, 1514);
        });
        vcpu.then(hypercall(BLOCK_WRITE, 0x5000));
        fails("hvt/BLOCK_WRITE:4: Invalid guest access: gpa=0x5008, sz=4096");
        vcpu.then(hypercall(NET_READ, 0x10_0000));
        fails("hvt/NET_READ:7: Invalid guest access: gpa=0x100000, sz=1514");
    }

    @Test
    void aHandlersOwnFatalErrorPassesThroughUnchanged() {
        TenderException own = TenderException.unprefixed("Fatal error: wrote only 3 out of 4 bytes");
        table.register(PUTS, "PUTS", gpa -> {
            throw own;
        });
        vcpu.then(hypercall(PUTS, 0x1000));
        assertThatThrownBy(this::run).isSameAs(own);
    }

    @Test
    void fatalExitsEndTheLoopWithSolo5sMessages() {
        vcpu.then(new VmExit.InternalError(1));
        fails("KVM: internal error exit: suberror=0x1");
        vcpu.then(new VmExit.FailEntry(0x8000_0021L));
        fails("KVM: entry failure: hw_entry_failure_reason=0x80000021");
        vcpu.then(new VmExit.Unhandled(KvmApi.EXIT_SHUTDOWN));
        fails("KVM: unhandled exit: exit_reason=0x8, rip=0x101234");
        vcpu.then(new VmExit.TranslationFault());
        fails("KVM: host/guest translation fault: rip=0x101234");
    }

    @Test
    void aFailedKvmRunIsAFailedIoctl() {
        vcpu.then(new VmExit.Interrupted()).thenRunFails(Errno.EINVAL);
        fails("KVM: ioctl (RUN) failed: Invalid argument");
        assertThat(vcpu.runs()).isEqualTo(2);
    }

    /** What the user sees: {@code <prog>: <message>} on stderr and exit status 1. */
    @Test
    void aFatalExitIsReportedLikeSolo5Hvt() {
        vcpu.then(hypercall(PUTS, 0x1000)).then(new VmExit.InternalError(1));
        record(PUTS, "PUTS");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diag = new Diagnostics("solo5-hvt", new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = run();
        } catch (TenderException e) {
            status = diag.report(e, "usage");
        }
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("solo5-hvt: KVM: internal error exit: suberror=0x1\n");
        assertThat(calls).containsExactly("PUTS@1000");
    }
}
