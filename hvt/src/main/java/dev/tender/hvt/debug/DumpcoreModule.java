package dev.tender.hvt.debug;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.debug.core.CoreFile;
import dev.tender.manifest.Manifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The {@code dumpcore} module of the debug tender (docs/debugging.md): with {@code --dumpcore=DIR}, a guest
 * that aborts (halts with status 255) leaves an ELF core of its memory and registers in
 * {@code DIR/core.solo5-hvt.PID}, which {@code gdb IMAGE CORE} reads. The exit status stays 255.
 */
final class DumpcoreModule implements TenderModule {
    private static final String OPTION = "--dumpcore=";
    /** The status of solo5_abort(): only an abort leaves a core. */
    private static final int ABORT = 255;
    /** What the core says the guest died of: SIGABRT. */
    private static final int SIGABRT = 6;

    private String dir;
    private DebugTarget target;

    @Override
    public String name() {
        return "dumpcore";
    }

    @Override
    public String usage() {
        return "    --dumpcore=DIR (enable guest core dump on abort/trap)";
    }

    @Override
    public boolean handleOption(String arg, Manifest manifest, Diagnostics diag) {
        if (arg.startsWith(OPTION)) {
            dir = arg.substring(OPTION.length());
            return true;
        }
        return false;
    }

    void attach(DebugTarget machine) {
        this.target = machine;
    }

    @Override
    public void setup(ModuleContext ctx) throws TenderException {
        if (dir == null) {
            return;
        }
        Path d = Path.of(dir.isEmpty() ? "." : dir);
        if (!Files.isDirectory(d) || !Files.isReadable(d)) {
            throw new TenderException("dumpcore: cannot open dir");
        }
        if (!Files.isWritable(d)) {
            throw new TenderException("dumpcore: dir not writable");
        }
        Diagnostics diag = ctx.diagnostics();
        ctx.onHalt((status, cookie) -> {
            if (status == ABORT) {
                dump(diag, cookie);
            }
        });
    }

    private void dump(Diagnostics diag, long cookie) {
        long pid = ProcessHandle.current().pid();
        String name = "core.solo5-hvt." + pid;
        diag.warn("dumpcore: dumping guest core to: " + dir + "/" + name);
        try (FileChannel out = FileChannel.open(Path.of(dir, name),
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            DebugArch arch = target.arch();
            byte[] registers = arch.coreRegisters(target.vcpu(), target.memory(), cookie);
            CoreFile.Dumped dumped = CoreFile.write(out, arch.coreLayout(), registers, SIGABRT, (int) pid,
                    target.memory(), target.memory().size());
            diag.warn("dumpcore: dumped " + dumped.pages() + " pages of total " + dumped.totalPages() + " pages");
        } catch (IOException | ErrnoException | RuntimeException e) {
            diag.warn("dumpcore: error(s) dumping core, file may be incomplete");
        }
    }
}
