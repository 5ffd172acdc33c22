package dev.tender.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code tender.lock}: per target context, the toolchain versions, the flags, the SHA-256 of every input
 * (the project's files, the guest runtime files as {@code guest:PATH}, headers from outside the project by
 * their relative path) and the image built from them.
 *
 * <pre>
 * {
 *   "lock-version": 1,
 *   "project": "hello",
 *   "contexts": {
 *     "hvt-x86_64": {
 *       "toolchain": { "cc": "gcc (Debian 12.2.0-14) 12.2.0", "cc-target": "x86_64-linux-gnu", "ld": ..., "objcopy": ... },
 *       "flags": { "cflags": ..., "runtime-cflags": ..., "ldflags": ... },
 *       "inputs": { "guest:include/solo5.h": "9f2c...", "hello.c": "...", "manifest.json": "..." },
 *       "image": { "file": "dist/hello.hvt", "sha256": "..." }
 *     }
 *   }
 * }
 * </pre>
 */
public final class LockFile {
    public static final int VERSION = 1;
    static final String GUEST_PREFIX = "guest:";

    /** One context's record. {@code imageFile}/{@code imageSha256} are null when not built. */
    public record Entry(Map<String, String> toolchain, Map<String, String> flags, SortedMap<String, String> inputs,
            String imageFile, String imageSha256) {
        /** The inputs that are neither guest files nor inside the project (e.g. {@code ../common/x.h}). */
        List<String> externals() {
            List<String> out = new ArrayList<>();
            for (String k : inputs.keySet()) {
                if (!k.startsWith(GUEST_PREFIX) && (k.startsWith("../") || k.startsWith("/"))) {
                    out.add(k);
                }
            }
            return out;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("toolchain", new LinkedHashMap<>(toolchain));
            m.put("flags", new LinkedHashMap<>(flags));
            m.put("inputs", new LinkedHashMap<>(inputs));
            if (imageFile != null) {
                Map<String, Object> img = new LinkedHashMap<>();
                img.put("file", imageFile);
                img.put("sha256", imageSha256);
                m.put("image", img);
            }
            return m;
        }
    }

    private final String project;
    private final SortedMap<String, Entry> contexts;

    public LockFile(String project, SortedMap<String, Entry> contexts) {
        this.project = project;
        this.contexts = contexts;
    }

    public SortedMap<String, Entry> contexts() {
        return contexts;
    }

    public String project() {
        return project;
    }

    /** Reads a lock file, or returns null if there is none. */
    public static LockFile read(Path file) throws BuildException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Object o;
        try {
            o = Json.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new BuildException(file + ": " + e.getMessage(), e);
        }
        if (!(o instanceof Map<?, ?> root) || !Long.valueOf(VERSION).equals(root.get("lock-version"))
                || !(root.get("contexts") instanceof Map<?, ?> ctxs)) {
            throw new BuildException(file + ": not a version " + VERSION + " tender.lock");
        }
        SortedMap<String, Entry> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : ctxs.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> c)) {
                throw new BuildException(file + ": context " + e.getKey() + " is not an object");
            }
            String imageFile = null;
            String imageSha = null;
            if (c.get("image") instanceof Map<?, ?> img) {
                imageFile = String.valueOf(img.get("file"));
                imageSha = String.valueOf(img.get("sha256"));
            }
            out.put(String.valueOf(e.getKey()), new Entry(strings(c.get("toolchain")), strings(c.get("flags")),
                    new TreeMap<>(strings(c.get("inputs"))), imageFile, imageSha));
        }
        return new LockFile(String.valueOf(root.get("project")), out);
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> m = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> mm) {
            mm.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        }
        return m;
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("lock-version", (long) VERSION);
        root.put("project", project);
        Map<String, Object> ctxs = new LinkedHashMap<>();
        contexts.forEach((k, v) -> ctxs.put(k, v.toJson()));
        root.put("contexts", ctxs);
        return Json.write(root);
    }

    /** Writes atomically (temporary file, then rename). */
    public void write(Path file) throws BuildException {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BuildException(file + ": " + e.getMessage(), e);
        }
    }

    /** What changed from {@code locked} to {@code now} (toolchain, flags, inputs); empty if nothing. */
    public static List<String> drift(Entry locked, Entry now) {
        List<String> out = new ArrayList<>();
        diffMap("toolchain", locked.toolchain(), now.toolchain(), out);
        diffMap("flags", locked.flags(), now.flags(), out);
        TreeSet<String> keys = new TreeSet<>(locked.inputs().keySet());
        keys.addAll(now.inputs().keySet());
        for (String k : keys) {
            String a = locked.inputs().get(k);
            String b = now.inputs().get(k);
            if (a == null) {
                out.add("added: " + k);
            } else if (b == null) {
                out.add("removed: " + k);
            } else if (!a.equals(b)) {
                out.add("changed: " + k + " (sha256 " + a.substring(0, Math.min(12, a.length())) + "… -> "
                        + b.substring(0, Math.min(12, b.length())) + "…)");
            }
        }
        return out;
    }

    private static void diffMap(String what, Map<String, String> a, Map<String, String> b, List<String> out) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null || !x.equals(y)) {
                out.add(what + " " + k + ": '" + x + "' -> '" + y + "'");
            }
        }
    }
}
