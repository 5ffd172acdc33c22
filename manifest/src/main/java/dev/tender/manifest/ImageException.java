package dev.tender.manifest;

/**
 * A fatal problem with a unikernel image (ELF header, program headers, Solo5
 * notes or the embedded manifest).
 *
 * <p>{@link #getMessage()} is the complete one-line message exactly as Solo5
 * prints it, <em>without</em> the {@code <program>: } prefix, for example
 * {@code hello.hvt: invalid executable: elf header does not match the
 * expected size (62 != 64)}. The leading file name is the image name handed
 * to {@link dev.tender.manifest.elf.ElfImage#read}, which callers must pass as
 * the path exactly as given on the command line (Solo5 prints {@code argv}
 * unchanged: neither resolved nor reduced to its basename).
 */
public final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message, null, false, false);
    }
}
