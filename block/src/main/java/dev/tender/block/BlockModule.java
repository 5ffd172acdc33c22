package dev.tender.block;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.OptionScan;
import dev.tender.core.module.Preopened;
import dev.tender.core.module.TenderKind;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.LibC;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import java.util.List;
import java.util.Optional;

/**
 * The "block" module: {@code --block:NAME=PATH} attaches a file or block device to a BLOCK_BASIC manifest
 * entry, {@code --block-sector-size:NAME=N} sets its block size (docs/cli.md §2.6). On hvt it serves
 * BLOCK_READ/BLOCK_WRITE; on spt the guest does the I/O itself on the host fd.
 */
public final class BlockModule implements TenderModule {
    static final String BLOCK = "--block:";
    static final String SECTOR_SIZE = "--block-sector-size:";
    static final int DEFAULT_BLOCK_SIZE = 512;
    private static final int PATH_MAX = 4096;

    /** Backing files opened (or failed to open) by {@link #preopen}, for handleOption to use or report. */
    private final Preopened<BackingFile, TenderException> files = new Preopened<>(new Preopened.Opener<>() {
        @Override
        public BackingFile open(String path) throws TenderException {
            return BackingFile.open(path); // an anonymous class: a lambda would cost start-up time
        }
    });
    private boolean inUse;

    @Override
    public String name() {
        return "block";
    }

    @Override
    public String usage() {
        return "    --block:NAME=PATH (attach block device/file at PATH as block storage NAME)\n"
                + "  [ --block-sector-size:NAME=SECTORSIZE ] (set sector size for block device NAME; must be a "
                + "power of two greater than or equal 512)";
    }

    /**
     * Opens every backing file at once, like the TAPs (all devices are opened before the image is read);
     * handleOption uses each outcome, or throws its error, where it would have opened the file.
     */
    @Override
    public void preopen(List<String> options) {
        for (String arg : options) {
            OptionScan.NamedWord opt = OptionScan.namedWord(arg, BLOCK, PATH_MAX);
            if (opt != null) {
                files.open(arg, opt.word());
            }
        }
    }

    @Override
    public boolean handleOption(String arg, Manifest manifest, Diagnostics diag) throws TenderException {
        if (arg.startsWith(BLOCK)) {
            OptionScan.NamedWord opt = OptionScan.namedWord(arg, BLOCK, PATH_MAX);
            if (opt == null) {
                return false;
            }
            Optional<ManifestEntry> entry = declared(manifest, opt.name(), diag);
            if (entry.isEmpty()) {
                return false;
            }
            BackingFile file = files.take(arg, opt.word());
            ManifestEntry e = entry.get();
            e.setCapacity(file.capacity());
            e.setHostFd(file.fd());
            e.setAttached(true);
            inUse = true;
            return true;
        }
        if (arg.startsWith(SECTOR_SIZE)) {
            OptionScan scan = OptionScan.named(arg, SECTOR_SIZE);
            int size = scan == null ? -1 : scan.unsignedShort();
            if (size < 0) {
                return false;
            }
            if (size < 512 || (size & (size - 1)) != 0) {
                diag.warn("Block size must be a multiple of 2 greater than or equal 512");
                return false;
            }
            Optional<ManifestEntry> entry = declared(manifest, scan.name(), diag);
            entry.ifPresent(e -> e.setBlockSize(size));
            return entry.isPresent();
        }
        return false;
    }

    private static Optional<ManifestEntry> declared(Manifest manifest, String name, Diagnostics diag) {
        Optional<ManifestEntry> e = manifest.find(name, DeviceType.BLOCK_BASIC);
        if (e.isEmpty()) {
            diag.warn("Resource not declared in manifest: '" + name + "'");
        }
        return e;
    }

    /** Applies the default block size and checks every attached device's capacity against it. */
    @Override
    public void setup(ModuleContext ctx) throws TenderException {
        if (!inUse) {
            return;
        }
        for (ManifestEntry e : ctx.manifest().entries()) {
            if (e.type() != DeviceType.BLOCK_BASIC || !e.attached()) {
                continue;
            }
            if (e.blockSize() == 0) {
                e.setBlockSize(DEFAULT_BLOCK_SIZE);
            }
            ctx.hostFds().positional(e.hostFd());
            long bs = e.blockSize();
            if ((e.capacity() & (bs - 1)) != 0) {
                throw new TenderException(e.name() + ": Backing storage size must be block aligned (" + bs + " bytes)");
            }
            if (Long.compareUnsigned(e.capacity(), bs) < 0) {
                throw new TenderException(e.name() + ": Backing storage must be at least 1 block (" + bs
                        + " bytes) in size");
            }
        }
        if (ctx.tender() instanceof TenderKind.Hvt hvt) {
            BlockHypercalls.register(hvt, ctx.manifest().entries(),
                    BlockCounters.register(ctx.stats(), ctx.manifest().entries()));
        }
    }

    /** Closes every attached backing file (the tender is done with the guest). */
    public static void closeAll(Manifest manifest) {
        for (ManifestEntry e : manifest.entries()) {
            if (e.type() == DeviceType.BLOCK_BASIC && e.attached()) {
                LibC.closeQuietly(e.hostFd());
            }
        }
    }
}
