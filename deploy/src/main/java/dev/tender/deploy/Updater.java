package dev.tender.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code tender update NAME --image=NEW}: the new image is copied beside the old one (named by its SHA-256, so
 * the old file is never overwritten), the instance's configuration is pointed at it and the unit restarted; if
 * it does not become ready or does not stay up through the grace period ({@link Rollout}), the configuration
 * goes back to the old image and the unit is restarted on it.
 */
public final class Updater {
    private final Installer installer;
    private final ServiceManager systemd;
    private final Consumer<String> progress;
    private final Consumer<String> status;

    /** Outcome: the image now configured, and the verdict on the new one. */
    public record Result(Path image, Rollout.Verdict verdict, boolean unchanged) {
    }

    /**
     * @param progress receives the lines that stay (what was done, the verdict)
     * @param status receives a passing status while the new image is watched (for a terminal's status line)
     */
    public Updater(Installer installer, ServiceManager systemd, Consumer<String> progress, Consumer<String> status) {
        this.installer = installer;
        this.systemd = systemd;
        this.progress = progress;
        this.status = status;
    }


    /**
     * Rolls {@code name} out on {@code newImage} (a path on this machine), watching it for {@code grace},
     * sampling its state every {@code every}.
     */
    public Result update(String name, Path newImage, Duration grace, Duration every) {
        String unit = Instance.unitName(name);
        String text = installer.configText(name);
        InstanceConfig config = InstanceConfig.parse(name, text);
        ServiceImage img = ServiceImage.inspect(newImage, newImage.toString());
        if (img.kind() != config.kind()) {
            throw new DeployException(newImage + " is an " + img.kind().command() + " image, but " + name + " runs "
                    + config.kind().command() + " images; install it anew with tender systemd install " + name);
        }
        Path old = config.image();
        String digest = ImageDigest.sha256(newImage);
        if (digest.equals(ImageDigest.sha256(installer.under(old.toString())))) {
            progress.accept(name + ": already running this image (sha256 " + digest + ")");
            return new Result(old, Rollout.Verdict.kept(), true);
        }
        Path target = besideOld(old, digest);
        installer.placeImage(newImage, target);
        progress.accept(name + ": new image " + target + " (sha256 " + digest + ")");
        installer.rewriteConfig(name, InstanceConfig.withImage(text, target));
        progress.accept(name + ": restarting " + unit);
        boolean restarted = systemd.control("restart", unit);
        UnitState ready = restarted ? systemd.show(unit) : null;
        List<UnitState> watched = new ArrayList<>();
        if (ready != null && ready.running()) {
            progress.accept(name + ": ready; watching it for " + grace.toSeconds() + " s");
            watched = watch(unit, ready, grace, every);
        }
        Rollout.Verdict verdict = Rollout.judge(restarted, ready, watched);
        if (verdict.keep()) {
            progress.accept(name + ": updated to " + target);
            return new Result(target, verdict, false);
        }
        progress.accept(name + ": the new image failed: " + verdict.reason() + "; rolling back to " + old);
        installer.rewriteConfig(name, text);
        // The failed start and systemd's own restarts of it count against the unit's start limit; forget them.
        systemd.control("reset-failed", unit);
        if (!systemd.control("restart", unit)) {
            throw new DeployException(name + ": rolled back to " + old + ", but it did not start again either");
        }
        progress.accept(name + ": rolled back to " + old + ", running again");
        return new Result(old, verdict, false);
    }

    /** Samples the unit until {@code grace} has passed, stopping at the first sample that settles it. */
    private List<UnitState> watch(String unit, UnitState ready, Duration grace, Duration every) {
        List<UnitState> seen = new ArrayList<>();
        long end = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() - end < 0) {
            try {
                Thread.sleep(Math.max(1, every.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException("interrupted while watching " + unit, e);
            }
            UnitState s = systemd.show(unit);
            seen.add(s);
            long left = Math.max(0, (end - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
            status.accept(unit + " " + s.shown() + "; watching, " + left + " s left");
            if (!Rollout.judge(true, ready, seen).keep()) {
                break;
            }
        }
        return seen;
    }

    /** {@code DIR/STEM-SHA12.EXT} for an old image {@code DIR/STEM.EXT} (or {@code DIR/STEM-OLDSHA.EXT}). */
    static Path besideOld(Path old, String digest) {
        String file = old.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : "";
        stem = stem.replaceFirst("-[0-9a-f]{12}$", "");
        return old.resolveSibling(stem + "-" + digest.substring(0, 12) + ext);
    }
}
