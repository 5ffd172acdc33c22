package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.manifest.Manifest;
import dev.tender.manifest.elf.AbiNote;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.manifest.elf.ProgramHeader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tender build} end to end: the examples built for hvt/spt × x86_64/aarch64 twice from clean, in two
 * different directories, must give bit-identical images; aarch64 images are checked statically; the lock
 * check must catch a changed input; a pipeline-built x86_64 hvt image must boot.
 */
class BuildPipelineTest {
    @TempDir
    static Path tmp;

    static Path first;
    static Path second;
    static final List<String> EXAMPLES = new ArrayList<>();

    @BeforeAll
    static void buildTwice() throws Exception {
        try (Stream<Path> s = Files.list(Tender.ROOT.resolve("examples"))) {
            s.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))).map(d -> d.getFileName().toString())
                    .sorted().forEach(EXAMPLES::add);
        }
        assertThat(EXAMPLES).contains("hello");
        first = copyExamples(tmp.resolve("one"));
        second = copyExamples(tmp.resolve("second/build/copy"));
        for (Path root : List.of(first, second)) {
            List<String> args = new ArrayList<>(List.of("build", "-q", "--target", "all", "--arch", "all"));
            EXAMPLES.forEach(e -> args.add(root.resolve(e).toString()));
            Tender.Result r = run(Map.of(), args);
            assertThat(r.status()).as(r.output()).isZero();
        }
    }

    private static Path copyExamples(Path to) throws IOException {
        for (String e : EXAMPLES) {
            Path src = Tender.ROOT.resolve("examples").resolve(e);
            Path dst = to.resolve(e);
            Files.createDirectories(dst);
            // Sources and what the project embeds (www's site/), not the outputs of a build in the checkout.
            try (Stream<Path> s = Files.walk(src)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    Path rel = src.relativize(f);
                    String first = rel.getName(0).toString();
                    if (!first.equals("dist") && !first.equals("_build") && !rel.toString().equals("tender.lock")) {
                        Files.createDirectories(dst.resolve(rel).getParent());
                        Files.copy(f, dst.resolve(rel));
                    }
                }
            }
        }
        return to;
    }

    private static Tender.Result run(Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tender.BIN.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tender build finished in time").isTrue();
        return new Tender.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> images(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String e : EXAMPLES) {
            Path dist = root.resolve(e).resolve("dist");
            try (Stream<Path> s = Files.walk(dist)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    m.put(root.relativize(f).toString(), sha256(Files.readAllBytes(f)));
                }
            }
        }
        return m;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoCleanBuildsInDifferentDirectoriesAreBitIdentical() throws IOException {
        Map<String, String> a = images(first);
        assertThat(a).containsKeys("hello/dist/hello.hvt", "hello/dist/hello.spt",
                "hello/dist/aarch64/hello.hvt", "hello/dist/aarch64/hello.spt");
        assertThat(images(second)).isEqualTo(a);
        // The lock files record the same inputs and images too.
        assertThat(Files.readString(second.resolve("hello/tender.lock")))
                .isEqualTo(Files.readString(first.resolve("hello/tender.lock")));
    }

    @Test
    void aarch64ImagesHaveTheRightElfHeadersNotesAndSegments() throws Exception {
        for (String target : List.of("hvt", "spt")) {
            Path img = first.resolve("hello/dist/aarch64/hello." + target);
            byte[] raw = Files.readAllBytes(img);
            assertThat(raw[4]).as("ELFCLASS64").isEqualTo((byte) 2);
            assertThat(raw[5]).as("little-endian").isEqualTo((byte) 1);
            try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
                ElfImage elf = ElfImage.read(ch, img.toString(), ElfImage.EM_AARCH64);
                assertThat(elf.machine()).isEqualTo(ElfImage.EM_AARCH64);
                assertThat(elf.entry()).isGreaterThanOrEqualTo(0x100000L);
                AbiNote abi = AbiNote.read(elf).orElseThrow();
                assertThat(abi.target()).isEqualTo(target.equals("hvt") ? 1 : 2);
                assertThat(abi.version()).isEqualTo(2);
                assertThat(Manifest.fromImage(elf).entries()).hasSize(1);
                boolean entryInText = false;
                int loads = 0;
                for (ProgramHeader ph : elf.programHeaders()) {
                    if (!ph.isLoad() || ph.memsz() == 0) {
                        continue;
                    }
                    loads++;
                    int f = ph.flags();
                    assertThat(f & (ElfImage.PF_W | ElfImage.PF_X)).as("W^X in " + ph)
                            .isNotEqualTo(ElfImage.PF_W | ElfImage.PF_X);
                    assertThat(ph.vaddr() % 0x1000).as("page-aligned " + ph).isZero();
                    assertThat(ph.align()).isEqualTo(0x1000);
                    if ((f & ElfImage.PF_X) != 0) {
                        assertThat(f).as("text flags").isEqualTo(target.equals("hvt")
                                ? ElfImage.PF_X : ElfImage.PF_R | ElfImage.PF_X);
                        entryInText |= elf.entry() >= ph.vaddr() && elf.entry() < ph.vaddr() + ph.memsz();
                    }
                }
                assertThat(loads).isGreaterThanOrEqualTo(2);
                assertThat(entryInText).as("entry point in the text segment").isTrue();
            }
        }
    }

    @Test
    void pipelineBuiltHvtImageBoots() {
        Tender.Result r = Tender.run("hvt", "--mem=8", first.resolve("hello/dist/hello.hvt").toString(), "hi");
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.stdout()).contains("Hello from a tender unikernel! Command line: \"hi\"");
    }

    @Test
    void lockCheckCatchesAChangedInput() throws Exception {
        Path hello = second.resolve("hello");
        Tender.Result ok = run(Map.of(), List.of("build", "--check", hello.toString()));
        assertThat(ok.status()).as(ok.output()).isZero();
        assertThat(ok.stdout()).contains("up to date (hvt-aarch64, hvt-x86_64, spt-aarch64, spt-x86_64)");

        Path src = hello.resolve("hello.c");
        String before = Files.readString(src, StandardCharsets.UTF_8);
        Files.writeString(src, before + "/* changed */\n", StandardCharsets.UTF_8);
        Files.writeString(hello.resolve("extra.h"), "#define EXTRA 1\n", StandardCharsets.UTF_8);
        try {
            Tender.Result bad = run(Map.of(), List.of("build", "--check", hello.toString()));
            assertThat(bad.status()).isEqualTo(1);
            assertThat(bad.stderr()).contains("inputs drifted from the lock")
                    .contains("hvt-x86_64: changed: hello.c").contains("spt-aarch64: changed: hello.c")
                    .contains("hvt-x86_64: added: extra.h");
            Tender.Result locked = run(Map.of(), List.of("build", "--locked", hello.toString()));
            assertThat(locked.status()).isEqualTo(1);
        } finally {
            Files.writeString(src, before, StandardCharsets.UTF_8);
            Files.delete(hello.resolve("extra.h"));
        }
        assertThat(run(Map.of(), List.of("build", "--check", hello.toString())).status()).isZero();
    }

    @Test
    void missingCrossToolchainSaysWhatToInstall() throws Exception {
        Path hello = first.resolve("hello");
        Tender.Result r = run(Map.of(), List.of("build", "--arch", "aarch64", "--cc",
                "/nonexistent/aarch64-linux-gnu-gcc", "--no-lock", hello.toString()));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).contains("the aarch64 cross toolchain is missing")
                .contains("apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu");

        // The same with the default compiler name and a PATH that does not have it.
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tender.Result p = run(Map.of("PATH", empty.toString(), "JAVA", java),
                List.of("build", "--arch", "aarch64", "--no-lock", hello.toString()));
        assertThat(p.status()).isEqualTo(1);
        assertThat(p.stderr()).contains("'aarch64-linux-gnu-gcc' was not found on PATH")
                .contains("apt-get install gcc-aarch64-linux-gnu");
    }

    @Test
    void progressIsOneStatusLineOnATerminalAndALinePerStepInLogs() throws Exception {
        Path hello = first.resolve("hello");
        List<String> build = List.of(Tender.BIN.toString(), "build", "--no-lock", "--work",
                tmp.resolve("progress-work").toString(), "--out", tmp.resolve("progress-out").toString(),
                hello.toString());
        // On a pseudo-terminal (script(1) gives the command one): every step rewrites the same line.
        List<String> onTty = List.of("script", "-q", "-e", "-c", String.join(" ", build), "/dev/null");
        ProcessBuilder pb = new ProcessBuilder(onTty).redirectErrorStream(true);
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        p.getOutputStream().close();
        String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shown).isZero();
        String erase = "\r\033[K";
        assertThat(shown).contains(erase + "[1/").contains("] cc runtime/");
        // What stays on the screen of each line: the text after its last erase (String.lines() would split at \r).
        List<String> lines = Stream.of(shown.split("\n")).map(l -> l.contains(erase) ? l.substring(l.lastIndexOf(erase) + erase.length()) : l)
                .toList();
        assertThat(lines).as(shown).hasSize(2);
        assertThat(lines.get(0)).matches("\\[(\\d+)/\\1\\] done in \\d+\\.\\d s");
        assertThat(lines.get(1)).matches("[0-9a-f]{64}  .*/progress-out/hello\\.hvt");

        // In a log (stderr to a file): the same steps, a plain line each, nothing to erase.
        Tender.Result logged = run(Map.of("TERM", "xterm"), build.subList(1, build.size()));
        assertThat(logged.status()).as(logged.output()).isZero();
        assertThat(logged.stderr()).doesNotContain("\r").doesNotContain("\033").doesNotContain("done in");
        List<String> steps = logged.stderr().lines().toList();
        assertThat(steps).isNotEmpty().allMatch(l -> l.matches("\\[\\d+/\\d+\\] (cc|as|ld|ld -r|objcopy) .*"));
        assertThat(steps).last().asString().startsWith("[" + steps.size() + "/" + steps.size() + "] ld hello.hvt");
    }
}
