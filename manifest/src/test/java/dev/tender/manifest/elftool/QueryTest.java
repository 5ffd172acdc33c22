package dev.tender.manifest.elftool;

import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.TestElf;
import dev.tender.manifest.elf.ElfImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.tender.manifest.elftool.ElftoolTest.EMPTY_JSON;
import static dev.tender.manifest.elftool.ElftoolTest.EXAMPLE_JSON;
import static dev.tender.manifest.elftool.ElftoolTest.Run;
import static dev.tender.manifest.elftool.ElftoolTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** query-manifest, query-abi, and the note/assembly outputs with round trips through an image. */
class QueryTest {
    @TempDir
    Path dir;

    private Path image(byte[] manifestNote) throws IOException {
        TestElf t = TestElf.hvtImage(manifestNote).machine(ElfImage.hostMachine());
        return t.write(dir, "img.hvt");
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void queryManifestGolden() throws IOException {
        Manifest m = Manifest.of(List.of(new Manifest.Device("service0", DeviceType.NET_BASIC),
                new Manifest.Device("service1", DeviceType.NET_BASIC)));
        Run r = run("query-manifest", image(m.noteBytes()).toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.stdout()).isEqualTo("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n"
                + "    { \"name\": \"service0\", \"type\": \"NET_BASIC\" },\n"
                + "    { \"name\": \"service1\", \"type\": \"NET_BASIC\" }\n  ]\n}\n");
    }

    @Test
    void queryManifestNoDevices() throws IOException {
        Run r = run("query-manifest", image(Manifest.of(List.of()).noteBytes()).toString());
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo(EMPTY_JSON);
    }

    @Test
    void queryManifestPrintsOddEntriesLikeUpstream() throws IOException {
        byte[] note = Manifest.of(List.of(new Manifest.Device("a", DeviceType.NET_BASIC),
                new Manifest.Device("b", DeviceType.NET_BASIC), new Manifest.Device("c", DeviceType.NET_BASIC)))
                .noteBytes();
        ByteBuffer b = ByteBuffer.wrap(note).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(32 + 104 * 2 + 68, 7);          // b: undefined type
        b.put(32 + 104 * 2 + 1, (byte) 0xff);     // raw byte in its name
        b.putInt(32 + 104 * 3 + 68, 0x40000005); // c: reserved range, skipped
        Run r = run("query-manifest", image(note).toString());
        assertThat(r.status()).isZero();
        byte[] want = ("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n"
                + "    { \"name\": \"a\", \"type\": \"NET_BASIC\" },\n"
                + "    { \"name\": \"b\u00ff\", \"type\": \"<undefined type>\" },\n  ]\n}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(r.out()).isEqualTo(want);
    }

    @Test
    void queryManifestErrors() throws IOException {
        Path missing = dir.resolve("missing.hvt");
        Run r = run("query-manifest", missing.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + missing + ": Could not open: No such file or directory\n");

        String img = image(null).toString();
        r = run("query-manifest", img);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + img + ": No Solo5 manifest found in executable\n");

        byte[] note = Manifest.of(List.of()).noteBytes();
        note[32 + 96] = 1; // attached
        img = image(note).toString();
        r = run("query-manifest", img);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + img + ": Manifest validation failed\n");
        assertThat(r.out()).isEmpty();

        Path shortFile = dir.resolve("short.hvt");
        Files.write(shortFile, Arrays.copyOf(TestElf.hvtImage(null).build(), 62));
        r = run("query-manifest", shortFile.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + shortFile
                + ": invalid executable: elf header does not match the expected size (62 != 64)\n");
    }

    /** A FIFO would block open(2) until a writer came; it, a directory, a device and a socket are refused. */
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void specialFilesAreRefusedInOneLine() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        Path sock = dir.resolve("sock");
        try (java.nio.channels.ServerSocketChannel s =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(java.net.UnixDomainSocketAddress.of(sock));
            for (Path p : List.of(fifo, dir, Path.of("/dev/null"), sock)) {
                for (String cmd : new String[] {"query-abi", "query-manifest"}) {
                    Run r = run(cmd, p.toString());
                    assertThat(r.status()).isEqualTo(1);
                    assertThat(r.out()).isEmpty();
                    assertThat(r.stderr()).isEqualTo("solo5-elftool: " + p + ": not a regular file\n");
                }
            }
        }
        Path link = Files.createSymbolicLink(dir.resolve("link.hvt"), image(null));
        assertThat(run("query-abi", link.toString()).status()).as("a link to an image is followed").isZero();
    }

    /** Better than upstream's elftool: an image of either Solo5 architecture is read on any host. */
    @Test
    void queriesReadBothArchitecturesOnAnyHost() throws IOException {
        Manifest m = Manifest.of(List.of(new Manifest.Device("service0", DeviceType.NET_BASIC)));
        for (int machine : new int[] {ElfImage.EM_X86_64, ElfImage.EM_AARCH64}) {
            Path p = TestElf.hvtImage(m.noteBytes()).machine(machine).write(dir, "arch" + machine + ".hvt");
            Run r = run("query-manifest", p.toString());
            assertThat(r.err()).as("machine %d", machine).isEmpty();
            assertThat(r.stdout()).contains("{ \"name\": \"service0\", \"type\": \"NET_BASIC\" }");
            Run abi = run("query-abi", p.toString());
            assertThat(abi.status()).as("machine %d: %s", machine, abi.err()).isZero();
            assertThat(abi.stdout()).isEqualTo(run("query-abi", image(null).toString()).stdout());
        }
    }

    @Test
    void queryManifestRejectsMachinesSolo5DoesNotSupport() throws IOException {
        Path p = TestElf.hvtImage(Manifest.of(List.of()).noteBytes()).machine(40 /* EM_ARM */).write(dir, "arm.hvt");
        Run r = run("query-manifest", p.toString());
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + p + ": invalid executable: invalid or unsupported"
                + " executable (elf header invalid while loading note)\n");
    }

    @Test
    void buggyElf() throws IOException {
        TestElf t = TestElf.hvtImage(null).machine(ElfImage.hostMachine());
        for (int i = 0; i < 5; i++) {
            t.add(1, new byte[0]);
        }
        t.note(TestElf.solo5Note(TestElf.MFT1, 1, new byte[4]));
        Path p = t.write(dir, "buggyelf.hvt");
        Run r = run("query-manifest", p.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + p + ": INV_EXE: phdr[8] note does not fall within"
                + " valid size (18446744073709551613 <= 0 || 18446744073709551613 > 1)\n");
        r = run("query-abi", p.toString());
        assertThat(r.status()).isZero();
    }

    @Test
    void queryAbiGolden() throws IOException {
        Run r = run("query-abi", image(null).toString());
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo("{\n  \"type\": \"solo5.abi\",\n  \"target\": \"hvt\",\n  \"version\": 2\n}\n");
    }

    @Test
    void queryAbiUnknownTargetAndMissingNote() throws IOException {
        TestElf t = new TestElf().machine(ElfImage.hostMachine());
        t.note(TestElf.abiNote(9, -1));
        Path p = t.write(dir, "odd.virtio");
        assertThat(run("query-abi", p.toString()).stdout()).isEqualTo(
                "{\n  \"type\": \"solo5.abi\",\n  \"target\": \"unknown\",\n  \"version\": 4294967295\n}\n");
        t = new TestElf().machine(ElfImage.hostMachine());
        t.note(TestElf.openBsdNote());
        p = t.write(dir, "none.hvt");
        Run r = run("query-abi", p.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: " + p + ": No Solo5 ABI information found in executable\n");
        r = run("query-abi", dir.resolve("gone").toString());
        assertThat(r.stderr()).endsWith(": Could not open: No such file or directory\n");
    }

    // ---- note / assembly output and round trips

    @Test
    void genManifestNoteMatchesManifestNoteBytes() throws IOException {
        Path src = file("m.json", EXAMPLE_JSON);
        Path out = dir.resolve("m.note");
        assertThat(run("gen-manifest-note", src.toString(), out.toString()).status()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Manifest.of(List.of(
                new Manifest.Device("storage", DeviceType.BLOCK_BASIC),
                new Manifest.Device("service0", DeviceType.NET_BASIC))).noteBytes());
        Run r = run(EXAMPLE_JSON.replace("NET_BASIC", "NET").getBytes(), "gen-manifest-note", "-", "-");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("solo5-elftool: -:6: .devices[...]: unknown type: NET\n");
    }

    @Test
    void genManifestAsm() {
        Run r = run(EMPTY_JSON.getBytes(), "gen-manifest-asm", "-", "-");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).startsWith("/* Generated by solo5-elftool version v0.12.1, do not edit */\n")
                .contains("\t.section .note.solo5.manifest,\"a\",@note\n\t.balign 4\n\t.globl __solo5_mft1_note\n",
                        "__solo5_mft1_note:\n\t.byte 0x06,0x00,0x00,0x00,0x74,0x00,0x00,0x00,0x4d,0x46,0x54,0x31,"
                                + "0x53,0x6f,0x6c,0x6f\n")
                .endsWith("\t.size __solo5_mft1_note, .-__solo5_mft1_note\n\n\t.section .note.GNU-stack,\"\",@progbits\n");
    }

    @Test
    void roundTripJsonNoteJson() throws IOException {
        StringBuilder devs = new StringBuilder();
        for (int n = 0; n <= 63; n += 7) {
            devs.setLength(0);
            for (int i = 0; i < n; i++) {
                devs.append("    { \"name\": \"").append(i % 2 == 0 ? "disk" : "Net").append(i)
                        .append("\", \"type\": \"").append(i % 3 == 0 ? "NET_BASIC" : "BLOCK_BASIC").append("\" }")
                        .append(i + 1 < n ? "," : "").append('\n');
            }
            String json = "{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n" + devs + "  ]\n}\n";
            Run gen = run(json.getBytes(), "gen-manifest-note", "-", "-");
            assertThat(gen.status()).isZero();
            Run q = run("query-manifest", image(gen.out()).toString());
            assertThat(q.stdout()).as("%d devices", n).isEqualTo(json);
        }
    }
}
