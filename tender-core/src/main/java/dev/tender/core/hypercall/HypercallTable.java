package dev.tender.core.hypercall;

/**
 * The one hypercall table: number → handler. Modules register the calls they serve; an empty slot is an
 * invalid hypercall for the guest.
 */
public final class HypercallTable {
    private final Hypercall[] handlers;
    private final String[] names;

    public HypercallTable(int limit) {
        handlers = new Hypercall[limit];
        names = new String[limit];
    }

    public int limit() {
        return handlers.length;
    }

    public void register(int nr, String name, Hypercall handler) {
        if (nr <= 0 || nr >= handlers.length) {
            throw new IllegalArgumentException("hypercall number " + nr);
        }
        if (handlers[nr] != null) {
            throw new IllegalStateException("hypercall " + nr + " registered twice");
        }
        handlers[nr] = handler;
        names[nr] = name;
    }

    /** The handler for {@code nr}, or null when none is registered (or nr is out of range). */
    public Hypercall lookup(int nr) {
        return nr > 0 && nr < handlers.length ? handlers[nr] : null;
    }

    public String name(int nr) {
        return nr > 0 && nr < names.length && names[nr] != null ? names[nr] : "?";
    }
}
