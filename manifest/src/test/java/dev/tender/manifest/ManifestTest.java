package dev.tender.manifest;

import dev.tender.manifest.elf.ElfImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {
    @TempDir
    Path dir;

    static Manifest storage() {
        return Manifest.of(List.of(new Manifest.Device("storage", DeviceType.BLOCK_BASIC)));
    }

    /** A valid encoded manifest with n user entries, as a mutable buffer. */
    static ByteBuffer raw(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + 104 * (n + 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 1).putInt(4, n + 1).putInt(8 + 68, 0x40000000);
        for (int i = 1; i <= n; i++) {
            b.put(8 + 104 * i, (byte) ('a' + i));
            b.putInt(8 + 104 * i + 68, 1);
        }
        return b;
    }

    private static void assertInvalid(ByteBuffer b, String why) {
        assertThatThrownBy(() -> Manifest.decode(b)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining(why);
    }

    @Test
    void layoutOfOneDeviceNote() {
        byte[] note = storage().noteBytes();
        ByteBuffer b = ByteBuffer.wrap(note).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(note).hasSize(24 + 8 + 208);
        assertThat(b.getInt(0)).isEqualTo(6);
        assertThat(b.getInt(4)).isEqualTo(0xDC);
        assertThat(b.getInt(8)).isEqualTo(0x3154464d);
        assertThat(Arrays.copyOfRange(note, 8, 20)).containsExactly('M', 'F', 'T', '1', 'S', 'o', 'l', 'o', '5', 0, 0, 0);
        assertThat(b.getInt(20)).isZero();
        assertThat(b.getInt(24)).isEqualTo(1);
        assertThat(b.getInt(28)).isEqualTo(2);
        assertThat(Arrays.copyOfRange(note, 32, 32 + 68)).containsOnly(0);
        assertThat(b.getInt(32 + 68)).isEqualTo(0x40000000);
        assertThat(new String(note, 32 + 104, 7, StandardCharsets.US_ASCII)).isEqualTo("storage");
        assertThat(b.getInt(32 + 104 + 68)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(note, 32 + 104 + 72, note.length)).containsOnly(0);
    }

    @Test
    void sizes() {
        Manifest empty = Manifest.of(List.of());
        assertThat(empty.size()).isEqualTo(112);
        assertThat(empty.noteBytes()).hasSize(24 + 112);
        assertThat(ByteBuffer.wrap(empty.noteBytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(116);
        assertThat(Manifest.NOTE_MAX_SIZE).isEqualTo(6668);
    }

    @Test
    void decodeRoundTrip() throws Exception {
        Manifest m = storage();
        Manifest d = Manifest.decode(ByteBuffer.wrap(m.encode()));
        assertThat(d.entries()).hasSize(2);
        assertThat(d.entries().get(1).name()).isEqualTo("storage");
        assertThat(d.entries().get(1).type()).isEqualTo(DeviceType.BLOCK_BASIC);
        assertThat(d.entries().get(0).type()).isEqualTo(DeviceType.RESERVED_FIRST);
        assertThat(d.encode()).isEqualTo(m.encode());
    }

    @Test
    void maximumEntries() throws Exception {
        assertThat(Manifest.decode(raw(63)).entries()).hasSize(64);
        assertThat(Manifest.decode(raw(63)).size()).isEqualTo(6664);
    }

    @Test
    void rule1TooSmall() {
        assertInvalid(ByteBuffer.allocate(7), "smaller");
    }

    @Test
    void rule2Version() {
        assertInvalid(raw(1).putInt(0, 2), "version");
    }

    @Test
    void rule3TooManyEntries() {
        ByteBuffer b = ByteBuffer.allocate(8 + 104 * 65).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 1).putInt(4, 65);
        assertInvalid(b, "more than 64");
        assertInvalid(raw(1).putInt(4, -1), "more than 64");
    }

    @Test
    void rule4ExactSize() {
        assertInvalid(raw(1).putInt(4, 1), "does not match");
        ByteBuffer longer = ByteBuffer.allocate(8 + 104 * 2 + 4);
        longer.put(raw(1));
        assertInvalid(longer.clear(), "does not match");
    }

    @Test
    void rule5AtLeastOneEntry() {
        assertInvalid(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1), "no entries");
    }

    @Test
    void rule6ReservedFirst() {
        assertInvalid(raw(1).putInt(8 + 68, 1), "MFT_RESERVED_FIRST");
    }

    @Test
    void rule7ReservedNameEmpty() {
        assertInvalid(raw(1).put(8, (byte) 'x'), "has a name");
    }

    @Test
    void rule8NameTerminated() {
        assertInvalid(raw(1).put(8 + 104 + 67, (byte) 'x'), "not terminated");
        assertInvalid(raw(1).put(8 + 67, (byte) 'x'), "not terminated");
    }

    @Test
    void rule9NotAttached() {
        assertInvalid(raw(2).put(8 + 208 + 96, (byte) 2), "attached");
    }

    @Test
    void notCheckedByValidation() throws Exception {
        ByteBuffer b = raw(2);
        b.putInt(8 + 104 + 68, 77);                  // unknown type
        b.put(8 + 208, (byte) 'b');                  // duplicate name "b"
        b.put(8 + 208 + 1, (byte) '-');              // non-alphanumeric
        b.putLong(8 + 104 + 72, -1).putLong(8 + 104 + 88, -1).put(8 + 104 + 97, (byte) 9);
        Manifest m = Manifest.decode(b);
        assertThat(m.entries().get(1).type()).isEqualTo(DeviceType.UNDEFINED);
        assertThat(m.entries().get(1).typeCode()).isEqualTo(77);
        assertThat(m.encode()).isEqualTo(b.array()); // garbage bytes survive for the guest copy
    }

    @Test
    void fromImageMessages() throws Exception {
        assertThatThrownBy(() -> load(TestElf.hvtImage(null)))
                .isInstanceOf(ImageException.class).hasMessage("t.hvt: No Solo5 manifest found in executable");
        byte[] bad = storage().noteBytes();
        bad[24] = 9; // version
        assertThatThrownBy(() -> load(TestElf.hvtImage(bad))).hasMessage("t.hvt: Solo5 manifest is invalid");
        assertThat(load(TestElf.hvtImage(storage().noteBytes())).entries()).hasSize(2);
    }

    private Manifest load(TestElf t) throws Exception {
        Path p = t.write(dir, "t.hvt");
        try (FileChannel ch = FileChannel.open(p)) {
            return Manifest.fromImage(ElfImage.read(ch, "t.hvt", ElfImage.EM_X86_64));
        }
    }

    @Test
    void findFirstMatchByNameAndType() throws Exception {
        ByteBuffer b = raw(3);
        b.put(8 + 104, (byte) 'x');
        b.put(8 + 208, (byte) 'b').putInt(8 + 208 + 68, 2);   // "b" NET_BASIC
        b.put(8 + 312, (byte) 'b').putInt(8 + 312 + 68, 2);   // "b" NET_BASIC again
        Manifest m = Manifest.decode(b);
        assertThat(m.find("b", DeviceType.BLOCK_BASIC)).isEmpty();
        assertThat(m.find("b", DeviceType.NET_BASIC).orElseThrow().index()).isEqualTo(2);
        assertThat(m.find("c", DeviceType.NET_BASIC)).isEmpty();
        assertThat(m.find("", DeviceType.RESERVED_FIRST).orElseThrow().index()).isZero();
        assertThat(m.find("", DeviceType.UNDEFINED)).isEmpty();
    }

    @Test
    void tenderFieldsAndUnionSemantics() {
        ManifestEntry e = storage().entries().get(1);
        e.setCapacity(0x1122334455667788L);
        e.setBlockSize(4096);
        e.setHostFd(7);
        e.setAttached(true);
        assertThat(e.capacity()).isEqualTo(0x1122334455667788L);
        assertThat(e.blockSize()).isEqualTo(4096);
        assertThat(e.hostFd()).isEqualTo(7);
        assertThat(e.attached()).isTrue();
        e.setMac(new byte[] {2, 0, 0, 0, 0, 1});
        e.setMtu(65535);
        assertThat(e.mac()).containsExactly(2, 0, 0, 0, 0, 1);
        assertThat(e.mtu()).isEqualTo(65535);
        assertThat(e.capacity()).isEqualTo(0xffff010000000002L); // mac and mtu overlay capacity
    }

    @Test
    void encodeHasTenderFieldsAtTheirOffsets() {
        Manifest m = storage();
        ManifestEntry e = m.entries().get(1);
        e.setCapacity(1 << 20);
        e.setBlockSize(512);
        e.setHostFd(5);
        e.setAttached(true);
        ByteBuffer b = ByteBuffer.wrap(m.encode()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.capacity()).isEqualTo(m.size()).isEqualTo(216);
        int base = 8 + 104;
        assertThat(b.getLong(base + 72)).isEqualTo(1 << 20);
        assertThat(b.getShort(base + 80)).isEqualTo((short) 512);
        assertThat(b.getInt(base + 88)).isEqualTo(5);
        assertThat(b.get(base + 96)).isEqualTo((byte) 1);
    }

    @Test
    void unattachedMessages() throws Exception {
        ByteBuffer b = raw(3);
        b.put(8 + 104, (byte) 's').putInt(8 + 104 + 68, 1);
        b.put(8 + 208, (byte) 'n').putInt(8 + 208 + 68, 2);
        b.put(8 + 312, (byte) 'u').putInt(8 + 312 + 68, 3);
        Manifest m = Manifest.decode(b);
        assertThat(m.unattachedMessages()).containsExactly(
                "Device 's' of type BLOCK_BASIC declared but not attached.",
                "Device 'n' of type NET_BASIC declared but not attached.",
                "Device 'u' of type <undefined type> declared but not attached.");
        m.entries().get(1).setAttached(true);
        m.entries().get(2).setAttached(true);
        assertThat(m.unattachedMessages()).hasSize(1);
        assertThat(Manifest.ALL_DEVICES_MUST_BE_ATTACHED)
                .isEqualTo("All declared devices must be attached. See --help for syntax.");
    }

    @Test
    void reservedRangeIsNeverReportedUnattached() throws Exception {
        ByteBuffer b = raw(2);
        b.putInt(8 + 104 + 68, 0x40000001);
        b.putInt(8 + 208 + 68, 0x80000000);
        assertThat(Manifest.decode(b).unattachedMessages()).isEmpty();
    }

    @Test
    void ofRejectsWhatElftoolRejects() {
        assertThatThrownBy(() -> Manifest.of(List.of(new Manifest.Device("a-b", DeviceType.NET_BASIC))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manifest.of(List.of(new Manifest.Device("", DeviceType.NET_BASIC))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manifest.of(List.of(new Manifest.Device("a", DeviceType.RESERVED_FIRST))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Manifest.of(java.util.Collections.nCopies(64,
                new Manifest.Device("a", DeviceType.NET_BASIC)))).hasMessageContaining("maximum 63");
        assertThat(Manifest.isValidName("x".repeat(67))).isTrue();
        assertThat(Manifest.isValidName("x".repeat(68))).isFalse();
    }

    @Test
    void typeNames() {
        assertThat(DeviceType.printName(1)).isEqualTo("BLOCK_BASIC");
        assertThat(DeviceType.printName(2)).isEqualTo("NET_BASIC");
        assertThat(DeviceType.printName(0x40000000)).isEqualTo("RESERVED_FIRST");
        assertThat(DeviceType.printName(0)).isEqualTo("<undefined type>");
        assertThat(DeviceType.isUserDevice(0x3fffffff)).isTrue();
        assertThat(DeviceType.isUserDevice(-1)).isFalse();
    }
}
