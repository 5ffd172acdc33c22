package dev.tender.builder;

/** A target context: what one runtime build serves. Spelled {@code hvt-x86_64} in the lock file. */
public record Context(Target target, Arch arch) {
    public String id() {
        return target.id() + "-" + arch.id();
    }

    @Override
    public String toString() {
        return id();
    }
}
