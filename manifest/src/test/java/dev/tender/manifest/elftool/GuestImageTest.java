package dev.tender.manifest.elftool;

import dev.tender.manifest.json.ManifestJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden query output for the images the project's guest build produces
 * ({@code guest/build/x86_64/<target>/test_X.<target>}, from
 * {@code guest/tests/test_X/manifest.json}). Skipped only for images that
 * have not been built.
 */
class GuestImageTest {
    private static final Path GUEST = Path.of("..", "guest");
    private static final Path BUILD = GUEST.resolve("build").resolve("x86_64");

    private static void golden(Path image, String command, String expected) {
        assumeTrue(Files.isRegularFile(image), image + " not built");
        ElftoolTest.Run r = ElftoolTest.run(command, image.toString());
        assertThat(r.stderr()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo(expected);
    }

    @Test
    void helloHvtManifest() {
        golden(BUILD.resolve("hvt/test_hello.hvt"), "query-manifest", ElftoolTest.EMPTY_JSON);
    }

    @Test
    void helloHvtAbi() {
        golden(BUILD.resolve("hvt/test_hello.hvt"), "query-abi", abi("hvt"));
    }

    @Test
    void buggyElfHasTheBrokenManifestNote() {
        Path p = BUILD.resolve("hvt/buggyelf.hvt");
        assumeTrue(Files.isRegularFile(p), p + " not built");
        ElftoolTest.Run r = ElftoolTest.run("query-manifest", p.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("solo5-elftool: " + p + ": INV_EXE: phdr[")
                .endsWith("] note does not fall within valid size"
                        + " (18446744073709551613 <= 0 || 18446744073709551613 > 1)\n");
    }

    private static String abi(String target) {
        return "{\n  \"type\": \"solo5.abi\",\n  \"target\": \"" + target + "\",\n  \"version\": 2\n}\n";
    }

    /** What query-manifest prints for a manifest.json. */
    static String expectedQuery(ManifestJson m) {
        StringBuilder sb = new StringBuilder("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": [\n");
        List<ManifestJson.Device> d = m.devices();
        for (int i = 0; i < d.size(); i++) {
            sb.append("    { \"name\": \"").append(d.get(i).name()).append("\", \"type\": \"").append(d.get(i).type())
                    .append("\" }").append(i + 1 < d.size() ? "," : "").append('\n');
        }
        return sb.append("  ]\n}\n").toString();
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltTestImage() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path testsDir = GUEST.resolve("tests");
        if (Files.isDirectory(testsDir)) {
            try (Stream<Path> dirs = Files.list(testsDir)) {
                for (Path t : (Iterable<Path>) dirs.sorted()::iterator) {
                    Path json = t.resolve("manifest.json");
                    for (String target : new String[] {"hvt", "spt"}) {
                        Path image = BUILD.resolve(target).resolve(t.getFileName() + "." + target);
                        if (Files.isRegularFile(json) && Files.isRegularFile(image)) {
                            tests.add(DynamicTest.dynamicTest(image.getFileName().toString(), () -> {
                                ManifestJson m = ManifestJson.parse(Files.readAllBytes(json), json.toString());
                                golden(image, "query-manifest", expectedQuery(m));
                                golden(image, "query-abi", abi(target));
                            }));
                        }
                    }
                }
            }
        }
        if (tests.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("no guest images built", () -> assumeTrue(false, "no guest images")));
        }
        return tests.stream();
    }
}
