package dev.tender.manifest.elf;

/** Solo5 ABI targets as recorded in the ABI1 note, with their print names. */
public enum AbiTarget {
    HVT(1, "hvt"),
    SPT(2, "spt"),
    VIRTIO(3, "virtio"),
    MUEN(4, "muen"),
    GENODE(5, "genode"),
    XEN(6, "xen");

    private final int code;
    private final String printName;

    AbiTarget(int code, String printName) {
        this.code = code;
        this.printName = printName;
    }

    public int code() {
        return code;
    }

    public String printName() {
        return printName;
    }

    /** Print name of a raw target value: the target's name or {@code unknown}. */
    public static String printName(int code) {
        for (AbiTarget t : values()) {
            if (t.code == code) {
                return t.printName;
            }
        }
        return "unknown";
    }
}
