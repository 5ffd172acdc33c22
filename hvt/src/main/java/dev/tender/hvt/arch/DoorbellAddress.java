package dev.tender.hvt.arch;

/** A guest write of {@code length} bytes at {@code address} (a port when {@code pio}, else MMIO) is a kick. */
public record DoorbellAddress(long address, int length, boolean pio) {
}
