package dev.tender.manifest;

/**
 * Manifest entry types ({@code mft_type_t}) and their print names.
 * {@link #UNDEFINED} stands for every other raw value; it has no code of its
 * own and prints as {@code <undefined type>}.
 */
public enum DeviceType {
    BLOCK_BASIC(1, "BLOCK_BASIC"),
    NET_BASIC(2, "NET_BASIC"),
    RESERVED_FIRST(0x40000000, "RESERVED_FIRST"),
    UNDEFINED(-1, "<undefined type>");

    private final int code;
    private final String printName;

    DeviceType(int code, String printName) {
        this.code = code;
        this.printName = printName;
    }

    /** Raw value as stored in the manifest; -1 for {@link #UNDEFINED}. */
    public int code() {
        return code;
    }

    /** Name as printed by Solo5's {@code mft_type_to_string}. */
    public String printName() {
        return printName;
    }

    /** Maps a raw (u32) type value; unknown values give {@link #UNDEFINED}. */
    public static DeviceType fromCode(int code) {
        switch (code) {
            case 1: return BLOCK_BASIC;
            case 2: return NET_BASIC;
            case 0x40000000: return RESERVED_FIRST;
            default: return UNDEFINED;
        }
    }

    /** Print name of a raw type value. */
    public static String printName(int code) {
        return fromCode(code).printName;
    }

    /**
     * Whether a raw type denotes a user device, i.e. is below
     * {@code MFT_RESERVED_FIRST} when compared as an unsigned 32-bit value.
     */
    public static boolean isUserDevice(int code) {
        return Integer.compareUnsigned(code, RESERVED_FIRST.code) < 0;
    }
}
