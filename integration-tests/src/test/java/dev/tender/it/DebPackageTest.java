package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build makes (dist/target/tender_VERSION_all.deb): its control fields and files, and the
 * tools it installs run from an unpacked copy (spt and elftool on this machine, the solo5-* names included);
 * the man pages render and the completion loads.
 */
class DebPackageTest {
    @TempDir
    static Path unpacked;
    private static Path deb;

    @BeforeAll
    static void unpack() throws IOException {
        deb = built();
        ok("dpkg-deb", "-x", deb.toString(), unpacked.toString());
    }

    /** The package the dist module built: dist/target/tender_VERSION_all.deb. */
    static Path built() throws IOException {
        try (Stream<Path> files = Files.list(Tender.ROOT.resolve("dist/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("tender_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no dist/target/tender_*_all.deb: the dist module did not run"));
        }
    }

    private static String ok(String... cmd) {
        TestHost.Result r = Hosts.local().run(Duration.ofSeconds(120), List.of(cmd));
        assertThat(r.status()).as("%s: %s", List.of(cmd), r.output()).isZero();
        return r.stdout();
    }

    @Test
    void controlDeclaresTheJavaItNeeds() {
        String control = ok("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture", "Depends");
        assertThat(control).contains("Package: tender", "Architecture: all",
                "Depends: default-jre-headless (>= 2:1.17)").containsPattern("Version: [0-9][0-9.]*(~SNAPSHOT)?\\n");
    }

    @Test
    void itInstallsTheToolsTheUnitTheManPagesAndTheCompletion() {
        String contents = ok("dpkg-deb", "--contents", deb.toString());
        for (String name : List.of("tender", "solo5-hvt", "solo5-hvt-debug", "solo5-spt", "solo5-elftool")) {
            assertThat(contents).contains("./usr/bin/" + name + " -> ../lib/tender/bin/tender");
        }
        assertThat(contents).contains("./usr/lib/tender/cli/target/tender.jar",
                "./usr/lib/tender/cli/target/jna-native/com/sun/jna/linux-x86-64/libjnidispatch.so",
                "./usr/lib/tender/cli/target/jna-native/com/sun/jna/linux-aarch64/libjnidispatch.so",
                "./lib/systemd/system/tender@.service", "./usr/share/bash-completion/completions/tender",
                "./usr/share/man/man1/tender.1.gz", "./usr/share/man/man1/tender-update.1.gz",
                "./usr/share/man/man1/tender-systemd-install.1.gz", "./usr/share/man/man1/tender-hvt.1.gz");
        assertThat(contents).doesNotContainPattern("(?m)^\\S+ (?!root/root)");
    }

    @Test
    void theUnpackedToolsRun() throws IOException {
        Path bin = unpacked.resolve("usr/bin");
        Path hello = SptCoreTest.SPT_IMAGES.resolve("test_hello.spt");
        TestHost.Result spt = Hosts.local().run(Duration.ofSeconds(60),
                List.of(bin.resolve("solo5-spt").toString(), hello.toString(), "Hello_Solo5"));
        assertThat(spt.status()).as(spt.output()).isZero();
        assertThat(spt.stdout()).contains("Hello_Solo5");
        assertThat(ok(bin.resolve("solo5-elftool").toString(), "query-abi", hello.toString()))
                .contains("\"target\": \"spt\"");
        assertThat(ok(bin.resolve("tender").toString(), "--version")).startsWith("tender ");
        assertThat(Files.readString(unpacked.resolve("lib/systemd/system/tender@.service")))
                .contains("ExecStart=/usr/bin/tender ${TENDER_KIND} ", "Environment=JAVA=/usr/lib/jvm/default-java/bin/java");
    }

    @Test
    void theManPagesRenderAndTheCompletionLoads() {
        Path man1 = unpacked.resolve("usr/share/man/man1");
        String page = ok("sh", "-c", "zcat \"$0\" | groff -man -Tutf8 -P-c -P-u -P-b 2>&1", man1.resolve("tender-update.1.gz").toString());
        assertThat(page.replaceAll("\\s+", " ")).as(page)
                .contains("tender-update - Run an instance on a new image", "--grace SECONDS", "--image FILE");
        assertThat(page).doesNotContain("warning");
        String hvt = ok("sh", "-c", "zcat \"$0\" | groff -man -Tutf8 -P-c -P-u -P-b 2>&1", man1.resolve("tender-hvt.1.gz").toString());
        assertThat(hvt).contains("--net:NAME=IFACE", "--block:NAME=PATH");
        String complete = ok("bash", "-c", "source \"$0\" && complete -p tender && "
                + "COMP_WORDS=(tender up); COMP_CWORD=1; COMP_LINE='tender up'; COMP_POINT=9; "
                + "$(complete -p tender | sed 's/.*-F \\([^ ]*\\) .*/\\1/') && printf '%s\\n' \"${COMPREPLY[@]}\"",
                unpacked.resolve("usr/share/bash-completion/completions/tender").toString());
        assertThat(complete.lines()).containsExactly("complete -o default -F _complete_tender tender", "update");
    }
}
