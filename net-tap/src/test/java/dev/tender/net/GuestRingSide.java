package dev.tender.net;

import dev.tender.core.mem.ReservedRegion;

/** The guest's side of the ring (docs/abi.md §8.4), as a test writes it: entries, ent_tail, and commits read back. */
final class GuestRingSide {
    private final ReservedRegion ring;

    GuestRingSide(ReservedRegion ring) {
        this.ring = ring;
    }

    /** Fills the entry at ent_tail and publishes it (ent_tail + 1). */
    void submit(int op, int handle, long data, int len, int id) {
        int tail = ring.getIntVolatile(HvtRing.ENT_TAIL);
        long e = HvtRing.entry(tail);
        ring.putInt(e + HvtRing.ENTRY_OPERATION, op);
        ring.putInt(e + HvtRing.ENTRY_HANDLE, handle);
        ring.putInt(e + HvtRing.ENTRY_DATA, (int) data);
        ring.putInt(e + HvtRing.ENTRY_DATA + 4, (int) (data >>> 32));
        ring.putInt(e + HvtRing.ENTRY_LEN, len);
        ring.putInt(e + HvtRing.ENTRY_ID, id);
        ring.putIntOrdered(HvtRing.ENT_TAIL, tail + 1);
    }

    void write(int handle, long data, int len) {
        submit(HvtRing.OP_WRITE, handle, data, len, 0);
    }

    void read(int handle, long data, int len, int id) {
        submit(HvtRing.OP_READ, handle, data, len, id);
    }

    void setEntTail(int value) {
        ring.putIntOrdered(HvtRing.ENT_TAIL, value);
    }

    void setEntHead(int value) {
        ring.putIntOrdered(HvtRing.ENT_HEAD, value);
    }

    void setComTail(int value) {
        ring.putIntOrdered(HvtRing.COM_TAIL, value);
    }

    int entTail() {
        return ring.getIntVolatile(HvtRing.ENT_TAIL);
    }

    int entHead() {
        return ring.getIntVolatile(HvtRing.ENT_HEAD);
    }

    int comTail() {
        return ring.getIntVolatile(HvtRing.COM_TAIL);
    }

    int needsKick() {
        return ring.getIntVolatile(HvtRing.NEEDS_KICK);
    }

    /** The commit in slot {@code index}: {id, ret, len}. */
    int[] commit(int index) {
        long c = HvtRing.commit(index);
        return new int[] {ring.getInt(c + HvtRing.COMMIT_ID), ring.getInt(c + HvtRing.COMMIT_RET),
            ring.getInt(c + HvtRing.COMMIT_LEN)};
    }
}
