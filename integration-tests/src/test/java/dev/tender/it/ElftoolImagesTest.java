package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.Tender.Result;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.manifest.elftool.Elftool;
import dev.tender.manifest.json.ManifestJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden elftool output for every image the guest build produced: query-manifest must print the image's
 * manifest.json in solo5-elftool's format, query-abi its target, for the x86_64 and the aarch64 build alike
 * (unlike solo5-elftool, tender's reads both on any host). Runs after the guest module, so the images must exist.
 */
class ElftoolImagesTest {
    private static final Path GUEST = Tender.ROOT.resolve("guest");
    private static final Path BUILD = GUEST.resolve("build/x86_64");
    /** Images of both architectures are read on this host, whichever it is. */
    private static final List<String> ARCHES = List.of("x86_64", "aarch64");

    private record Out(int status, String stdout, String stderr) {
    }

    private static Out elftool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Elftool.run("solo5-elftool", "test", List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Out(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String abi(String target) {
        return "{\n  \"type\": \"solo5.abi\",\n  \"target\": \"" + target + "\",\n  \"version\": 2\n}\n";
    }

    /** What query-manifest prints for a manifest.json. */
    private static String expectedQuery(ManifestJson m) {
        StringBuilder sb = new StringBuilder("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n");
        List<ManifestJson.Device> d = m.devices();
        for (int i = 0; i < d.size(); i++) {
            sb.append("    { \"name\": \"").append(d.get(i).name()).append("\", \"type\": \"").append(d.get(i).type())
                    .append("\" }").append(i + 1 < d.size() ? "," : "").append('\n');
        }
        return sb.append("  ]\n}\n").toString();
    }

    @TestFactory
    Stream<DynamicTest> everyTestImage() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(GUEST.resolve("tests"))) {
            for (Path t : (Iterable<Path>) dirs.sorted()::iterator) {
                Path json = t.resolve("manifest.json");
                if (!Files.isRegularFile(json)) {
                    continue;
                }
                int built = 0;
                for (String arch : ARCHES) {
                  for (String target : new String[] {"hvt", "spt"}) {
                    Path image = GUEST.resolve("build").resolve(arch).resolve(target)
                            .resolve(t.getFileName() + "." + target);
                    if (!Files.isRegularFile(image)) {
                        continue;
                    }
                    built++;
                    tests.add(DynamicTest.dynamicTest(arch + "/" + image.getFileName(), () -> {
                        ManifestJson m = ManifestJson.parse(Files.readAllBytes(json), json.toString());
                        Out q = elftool("query-manifest", image.toString());
                        assertThat(q.stderr()).isEmpty();
                        assertThat(q.status()).isZero();
                        assertThat(q.stdout()).isEqualTo(expectedQuery(m));
                        Out a = elftool("query-abi", image.toString());
                        assertThat(a.status()).isZero();
                        assertThat(a.stdout()).isEqualTo(abi(target));
                    }));
                  }
                }
                assertThat(built).as("images built for %s", t.getFileName()).isPositive();
            }
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    @Test
    void buggyElfHasTheBrokenManifestNote() {
        Path p = BUILD.resolve("hvt/buggyelf.hvt");
        Out r = elftool("query-manifest", p.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("solo5-elftool: " + p + ": INV_EXE: phdr[")
                .endsWith("] note does not fall within valid size (18446744073709551613 <= 0 || 18446744073709551613 > 1)\n");
    }

    @Test
    void throughBinTender() {
        Result r = Tender.run("elftool", "query-manifest", Tender.image("test_blk.hvt").toString());
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n"
                + "    { \"name\": \"storage\", \"type\": \"BLOCK_BASIC\" }\n  ]\n}\n");
        Result abi = Tender.run("elftool", "query-abi", SptCoreTest.sptImage("test_hello.spt").toString());
        assertThat(abi.stdout()).isEqualTo(abi("spt"));
    }

    /** tender hvt and spt refuse an image of the other architecture in one line, before they need KVM. */
    @Test
    void tendersNameTheArchitectureOfAForeignImage() {
        String host = ElfImage.archName(ElfImage.hostMachine());
        String other = host.equals("x86_64") ? "aarch64" : "x86_64";
        for (String target : new String[] {"hvt", "spt"}) {
            Path image = GUEST.resolve("build").resolve(other).resolve(target).resolve("test_hello." + target);
            Result r = Tender.run(target, image.toString());
            assertThat(r.status()).as(r.stderr()).isEqualTo(1);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEqualTo("tender " + target + ": " + image + ": image is for " + other
                    + "; this host is " + host + "\n");
        }
    }
}
