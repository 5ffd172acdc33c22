package dev.tender.spt;

import dev.tender.core.image.SegmentPlan;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the launcher needs, serialised in the format spt/src/main/c/launch.c reads (little-endian,
 * sequential): magic, version, program name, image path (for messages only), the image's file descriptor
 * (the one the Java side opened and validated; the launcher reads the segments from it), flags, the epoll and
 * timer fd numbers,
 * guest memory size, entry point, the segments, the fds to keep, the fds to watch with epoll, the boot info
 * bytes, the BPF program, and an end marker.
 */
public final class LaunchPlan {
    static final int MAGIC = 0x4c505354;
    static final int END = 0x444e4554;
    static final int VERSION = 2;
    static final int FLAG_EXEC_HEAP = 1;
    /** The launcher's buffer for the program name (message prefix) holds 127 bytes. */
    static final int PROGRAM_MAX = 120;

    /** An fd to add to the epoll set with EPOLLIN and {@code data}. */
    public record Watch(int fd, long data) {
    }

    private LaunchPlan() {
    }

    public static byte[] encode(String program, String image, int imageFd, boolean execHeap, int epollFd,
            int timerFd, long memSize, SegmentPlan elf, List<Integer> keep, List<Watch> watch, byte[] bootInfo,
            byte[] bpf) {
        Out o = new Out();
        o.u32(MAGIC).u32(VERSION);
        o.string(truncate(program, PROGRAM_MAX)).string(image).u32(imageFd);
        o.u32(execHeap ? FLAG_EXEC_HEAP : 0).u32(epollFd).u32(timerFd);
        o.u64(memSize).u64(elf.entry());
        o.u32(elf.segments().size());
        for (SegmentPlan.Segment s : elf.segments()) {
            o.u64(s.offset()).u64(s.vaddr()).u64(s.filesz()).u64(s.start()).u64(s.end() - s.start());
            o.u32(prot(s.flags())).u32(s.index());
        }
        o.u32(keep.size());
        for (int fd : keep) {
            o.u32(fd);
        }
        o.u32(watch.size());
        for (Watch w : watch) {
            o.u32(w.fd()).u64(w.data());
        }
        o.u32(bootInfo.length).bytes(bootInfo);
        o.u32(bpf.length / 8).bytes(bpf);
        o.u32(END);
        return o.toByteArray();
    }

    private static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= maxBytes ? s : new String(b, 0, maxBytes, StandardCharsets.UTF_8);
    }

    /** spt applies the ELF flags exactly: PF_R, PF_W, PF_X become PROT_READ, PROT_WRITE, PROT_EXEC. */
    static int prot(int flags) {
        int prot = 0;
        if ((flags & SegmentPlan.PF_R) != 0) {
            prot |= 1;
        }
        if ((flags & SegmentPlan.PF_W) != 0) {
            prot |= 2;
        }
        if ((flags & SegmentPlan.PF_X) != 0) {
            prot |= 4;
        }
        return prot;
    }

    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Out() {
            super(16384);
        }

        Out u32(int v) {
            scratch.clear();
            write(scratch.putInt(v).array(), 0, 4);
            return this;
        }

        Out u64(long v) {
            scratch.clear();
            write(scratch.putLong(v).array(), 0, 8);
            return this;
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u32(b.length).bytes(b);
        }
    }
}
