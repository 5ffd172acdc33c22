package dev.tender.manifest.json;

import java.util.List;

/**
 * A JSON manifest was rejected. The message is Solo5 elftool's (without the
 * program-name prefix), e.g.
 * {@code manifest.json:4: .devices[]: too many entries, maximum 63}.
 *
 * <p>Since elftool writes the generated C as it validates the devices, a
 * failure in the device list leaves the devices accepted before it in
 * {@link #accepted()}, and {@link #entries()} tells whether the header was
 * written at all.
 */
public final class ManifestJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String byteMessage;
    private final int entries;
    private final transient List<ManifestJson.Device> accepted;

    ManifestJsonException(String byteMessage) {
        this(byteMessage, 0, List.of());
    }

    ManifestJsonException(String byteMessage, int entries, List<ManifestJson.Device> accepted) {
        super(ByteStrings.toUnicode(byteMessage), null, false, false);
        this.byteMessage = byteMessage;
        this.entries = entries;
        this.accepted = List.copyOf(accepted);
    }

    /** The message as a byte string (see {@link ByteStrings}), byte-exact. */
    public String byteMessage() {
        return byteMessage;
    }

    /**
     * The entry count (devices + 1) when the failure came while checking the
     * devices one by one, after elftool has written the header; 0 for
     * failures before that point.
     */
    public int entries() {
        return entries;
    }

    /** Devices that passed their checks before the failing one. */
    public List<ManifestJson.Device> accepted() {
        return accepted;
    }
}
