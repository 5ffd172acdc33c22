package dev.tender.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes (or removes) an instance's files below a root directory: {@code /} on the machine itself, a scratch
 * directory in tests or when preparing an image. Each file is written to a temporary name and renamed, so a
 * running systemd never reads half a file.
 *
 * <p>Below a root other than {@code /}, no symbolic link is followed: a directory on the way to a file that is a
 * link (the root's {@code etc/tender} pointing to the host's {@code /etc/tender}, say) is refused, so nothing is
 * written or removed outside the root. The root itself may be a link; the operator chose it.
 */
public final class Installer {
    private final Path root;

    public Installer(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code ROOT/etc/systemd/system/tender@.service}. */
    public Path templatePath() {
        return under("/etc/systemd/system/" + Units.TEMPLATE_NAME);
    }

    /** {@code ROOT/etc/tender/NAME.conf}. */
    public Path configPath(String name) {
        Instance.unitName(name);
        return under("/etc/tender/" + name + ".conf");
    }

    /** {@code ROOT/etc/systemd/system/tender@NAME.service.d/50-tender.conf}. */
    public Path dropInPath(String name) {
        return under("/etc/systemd/system/" + Instance.unitName(name) + ".d/" + Units.DROP_IN_NAME);
    }

    /** Where an absolute path on the target system lies below the root. */
    public Path under(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /**
     * Writes the template, the configuration and the drop-in; returns the files written. The image (and the
     * block files) must already exist on the target system.
     */
    public List<Path> install(Instance in, String template) {
        requireFile(in.image(), "image");
        for (Instance.Block b : in.blocks()) {
            requireFile(b.file(), "block file");
        }
        List<Path> paths = List.of(templatePath(), configPath(in.name()), dropInPath(in.name()));
        for (Path p : paths) {
            directoriesUpTo(p, false);      // a link on the way to any of them: refused before anything is written
        }
        List<Path> written = new ArrayList<>();
        written.add(write(templatePath(), template));
        written.add(write(configPath(in.name()), Units.config(in)));
        written.add(write(dropInPath(in.name()), Units.dropIn(in)));
        return written;
    }

    /** Removes the instance's configuration and drop-in (the shared template stays); returns what was removed. */
    public List<Path> uninstall(String name) {
        List<Path> removed = new ArrayList<>();
        Path dropIn = dropInPath(name);
        List<Path> present = new ArrayList<>();
        for (Path p : List.of(configPath(name), dropIn)) {
            if (directoriesUpTo(p, false)) {    // a link on the way to either: refused before anything is removed
                present.add(p);
            }
        }
        for (Path p : present) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            } catch (IOException e) {
                throw new DeployException("cannot remove " + p + ": " + e.getMessage(), e);
            }
        }
        try (var rest = Files.list(dropIn.getParent())) {
            if (rest.findAny().isEmpty()) {
                Files.delete(dropIn.getParent());
            }
        } catch (IOException e) {
            // no directory, or other drop-ins that an operator added: leave it
        }
        return removed;
    }

    /** The names of the installed instances ({@code ROOT/etc/tender/*.conf}), sorted. */
    public List<String> instanceNames() {
        Path dir = under("/etc/tender");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".conf") && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - ".conf".length())).sorted().toList();
        } catch (IOException e) {
            throw new DeployException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The text of {@code NAME.conf}; an instance that is not installed is named in the message. */
    public String configText(String name) {
        Path p = configPath(name);
        try {
            return Files.readString(p);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DeployException("no instance '" + name + "' (no " + p + "; install it with tender systemd install "
                    + name + " --image=…)", e);
        } catch (IOException e) {
            throw new DeployException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** {@code NAME.conf}, read and parsed. */
    public InstanceConfig config(String name) {
        return InstanceConfig.parse(name, configText(name));
    }

    /** Replaces {@code NAME.conf} (atomically, as install does) with {@code text}. */
    public void rewriteConfig(String name, String text) {
        write(configPath(name), text);
    }

    /**
     * Copies {@code source} to {@code target} (a path on the target system) unless it is already there, through a
     * temporary file renamed into place; the copy is read-only.
     */
    public void placeImage(Path source, Path target) {
        Path dest = under(target.toString());
        if (Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        directoriesUpTo(dest, true);
        Path tmp = dest.resolveSibling("." + dest.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.copy(source, tmp);
            tmp.toFile().setWritable(false, false);
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeployException("cannot copy " + source + " to " + dest + ": " + e.getMessage(), e);
        }
    }

    private void requireFile(Path onTarget, String what) {
        Path p = under(onTarget.toString());
        if (!Files.isRegularFile(p)) {
            throw new DeployException(what + " not found: " + p);
        }
    }

    /**
     * Checks (and with {@code create}, makes) the directories between the root and {@code path}; false when one
     * is missing. Below a root other than {@code /}, a directory that is a symbolic link is refused.
     */
    private boolean directoriesUpTo(Path path, boolean create) {
        Path rel = root.relativize(path.getParent());
        Path at = root;
        for (Path name : rel) {
            at = at.resolve(name);
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                if (!create) {
                    return false;
                }
                try {
                    Files.createDirectory(at);
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile: checked below like any other
                } catch (IOException e) {
                    throw new DeployException("cannot create " + at + ": " + e.getMessage(), e);
                }
            }
            if (Files.isSymbolicLink(at) && root.getNameCount() > 0) {
                throw new DeployException(at + " is a symbolic link; refusing to follow it out of the root " + root);
            }
            if (!Files.isDirectory(at)) {
                throw new DeployException(at + " is not a directory");
            }
        }
        return true;
    }

    /**
     * Writes {@code text} to a new temporary file next to {@code path} (never through a link: a stale temporary
     * name is removed first, the new file is created exclusively) and renames it over {@code path}, which
     * replaces a link there instead of writing through it.
     */
    private Path write(Path path, String text) {
        directoriesUpTo(path, true);
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            return path;
        } catch (IOException e) {
            throw new DeployException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
