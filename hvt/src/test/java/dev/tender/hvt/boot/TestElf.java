package dev.tender.hvt.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds small x86_64 ELF executables (header, program headers, payload) for loader tests. */
final class TestElf {
    /** One program header; {@code data} is placed in the file and referenced by p_offset. */
    static final class Phdr {
        int type = 1;
        int flags = 4;
        long vaddr = 0x100000;
        long filesz = 0x10;
        long memsz = 0x10;
        long align = 0x1000;
        long offset = -1;
        byte[] data;

        Phdr(int flags, long vaddr, long filesz, long memsz) {
            this.flags = flags;
            this.vaddr = vaddr;
            this.filesz = filesz;
            this.memsz = memsz;
        }
    }

    long entry = 0x100000;
    int machine = 62;
    final List<Phdr> phdrs = new ArrayList<>();

    TestElf add(Phdr p) {
        phdrs.add(p);
        return this;
    }

    byte[] build() {
        int phoff = 64;
        int dataStart = phoff + 56 * phdrs.size();
        List<byte[]> payloads = new ArrayList<>();
        long pos = dataStart;
        for (Phdr p : phdrs) {
            byte[] d = p.data != null ? p.data : pattern((int) Math.min(p.filesz, 1 << 20));
            payloads.add(d);
            if (p.offset < 0) {
                p.offset = pos;
            }
            pos += d.length;
        }
        ByteBuffer b = ByteBuffer.allocate((int) pos).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) machine).putInt(1).putLong(entry).putLong(phoff).putLong(0);
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) phdrs.size());
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        for (Phdr p : phdrs) {
            b.putInt(p.type).putInt(p.flags).putLong(p.offset).putLong(p.vaddr).putLong(p.vaddr)
                    .putLong(p.filesz).putLong(p.memsz).putLong(p.align);
        }
        b.position(dataStart);
        for (byte[] d : payloads) {
            b.put(d);
        }
        return b.array();
    }

    static byte[] pattern(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 7 + 1);
        }
        return d;
    }
}
