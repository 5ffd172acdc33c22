package dev.tender.deploy;

import static dev.tender.deploy.RolloutTest.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tender.manifest.TestElf;
import dev.tender.manifest.elf.ElfImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdaterTest {
    @TempDir
    Path root;
    @TempDir
    Path incoming;

    private Installer installer;
    private final Scripted systemd = new Scripted();
    private final List<String> progress = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private String config;

    /** Answers restarts and state queries from queues, and records what the configuration said at each restart. */
    final class Scripted implements ServiceManager {
        final Deque<Boolean> restarts = new ArrayDeque<>();
        final Deque<UnitState> states = new ArrayDeque<>();
        final List<String> imageAtRestart = new ArrayList<>();
        int resets;

        @Override
        public boolean control(String verb, String unit) {
            assertThat(unit).isEqualTo("tender@dns.service");
            if (verb.equals("reset-failed")) {
                resets++;
                return true;
            }
            assertThat(verb).isEqualTo("restart");
            imageAtRestart.add(installer.config("dns").image().toString());
            return restarts.remove();
        }

        @Override
        public List<UnitState> show(List<String> units) {
            return List.of(states.isEmpty() ? state("active", "running", 40, 0) : states.remove());
        }
    }

    private Path image(int target, long entry, Path dir, String name) throws Exception {
        return TestElf.solo5Image(target, ElfImage.hostMachine()).entry(entry).write(dir, name);
    }

    @BeforeEach
    void installed() throws Exception {
        installer = new Installer(root);
        Files.createDirectories(root.resolve("var/lib/tender"));
        image(1, 0x100000, root.resolve("var/lib/tender"), "dns.hvt");
        config = "TENDER_KIND=\"hvt\"\nTENDER_IMAGE=\"/var/lib/tender/dns.hvt\"\nTENDER_MEM=\"32\"\n";
        installer.rewriteConfig("dns", config);
    }

    private Updater.Result update(Path image, int graceMillis) {
        return new Updater(installer, systemd, progress::add, statuses::add)
                .update("dns", image, Duration.ofMillis(graceMillis), Duration.ofMillis(1));
    }

    @Test
    void aGoodImageIsInstalledBesideTheOldOneAndKept() throws Exception {
        Path next = image(1, 0x100040, incoming, "new.hvt");
        String sha = ImageDigest.sha256(next);
        systemd.restarts.add(true);
        Updater.Result r = update(next, 20);
        Path placed = Path.of("/var/lib/tender/dns-" + sha.substring(0, 12) + ".hvt");
        assertThat(r.verdict().keep()).isTrue();
        assertThat(r.image()).isEqualTo(placed);
        assertThat(installer.config("dns").image()).isEqualTo(placed);
        assertThat(Files.readAllBytes(root.resolve(placed.toString().substring(1)))).isEqualTo(Files.readAllBytes(next));
        assertThat(root.resolve("var/lib/tender/dns.hvt")).as("the old image stays").exists();
        assertThat(systemd.imageAtRestart).containsExactly(placed.toString());
        assertThat(systemd.resets).isZero();
        assertThat(progress).last().asString().isEqualTo("dns: updated to " + placed);
    }

    @Test
    void anImageThatExitsWithinTheGracePeriodIsRolledBack() throws Exception {
        Path next = image(1, 0x100080, incoming, "broken.hvt");
        systemd.restarts.addAll(List.of(true, true));
        systemd.states.addAll(List.of(state("active", "running", 40, 0), state("activating", "auto-restart", 0, 0)));
        Updater.Result r = update(next, 5_000);
        assertThat(r.verdict().keep()).isFalse();
        assertThat(r.verdict().reason()).isEqualTo("it exited within the grace period (activating (auto-restart))");
        assertThat(Files.readString(installer.configPath("dns"))).isEqualTo(config);
        assertThat(systemd.imageAtRestart).hasSize(2).last().isEqualTo("/var/lib/tender/dns.hvt");
        assertThat(systemd.resets).as("the start limit forgotten before the rollback").isEqualTo(1);
        assertThat(progress).last().asString().isEqualTo("dns: rolled back to /var/lib/tender/dns.hvt, running again");
        assertThat(statuses).as("the watch said what it saw, and nothing of it is a permanent line")
                .hasSize(1).allMatch(l -> l.matches("tender@dns\\.service .+; watching, [0-5] s left"))
                .last().asString().startsWith("tender@dns.service activating (auto-restart);");
        assertThat(progress).noneMatch(l -> l.contains("watching,"));
    }

    @Test
    void anImageThatNeverBecomesReadyIsRolledBack() throws Exception {
        systemd.restarts.addAll(List.of(false, true));
        Updater.Result r = update(image(1, 0x1000c0, incoming, "dead.hvt"), 0);
        assertThat(r.verdict().reason()).isEqualTo("it did not become ready");
        assertThat(installer.config("dns").image()).isEqualTo(Path.of("/var/lib/tender/dns.hvt"));
    }

    @Test
    void aFailedRollbackIsSaid() throws Exception {
        systemd.restarts.addAll(List.of(false, false));
        assertThatThrownBy(() -> update(image(1, 0x100100, incoming, "dead.hvt"), 0))
                .hasMessage("dns: rolled back to /var/lib/tender/dns.hvt, but it did not start again either");
    }

    @Test
    void theSameImageOrAnotherKindChangesNothing() throws Exception {
        Path same = Files.copy(root.resolve("var/lib/tender/dns.hvt"), incoming.resolve("same.hvt"));
        assertThat(update(same, 0).unchanged()).isTrue();
        assertThatThrownBy(() -> update(image(2, 0x100000, incoming, "dns.spt"), 0))
                .hasMessageEndingWith(" is an spt image, but dns runs hvt images; install it anew with tender systemd "
                        + "install dns");
        assertThat(systemd.imageAtRestart).isEmpty();
        assertThat(Files.readString(installer.configPath("dns"))).isEqualTo(config);
    }

    @Test
    void copiesAreNamedByDigestWithoutPilingUpSuffixes() {
        String sha = "0123456789abcdef".repeat(4);
        assertThat(Updater.besideOld(Path.of("/v/dns.hvt"), sha)).isEqualTo(Path.of("/v/dns-0123456789ab.hvt"));
        assertThat(Updater.besideOld(Path.of("/v/dns-ffffffffffff.hvt"), sha)).isEqualTo(Path.of("/v/dns-0123456789ab.hvt"));
        assertThat(Updater.besideOld(Path.of("/v/dns"), sha)).isEqualTo(Path.of("/v/dns-0123456789ab"));
    }
}
