package dev.tender.manifest.elftool;

import dev.tender.manifest.json.ByteStrings;
import dev.tender.manifest.json.ManifestJson;
import dev.tender.manifest.json.ManifestJsonException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code solo5-elftool} (Solo5 v0.12.1), {@code docs/cli.md} §4: gen-manifest,
 * query-manifest and query-abi, with upstream's output, messages and exit
 * statuses.
 *
 * <p>Two extra commands, not in the usage text, let the project's own build
 * embed a manifest without compiling C: {@code gen-manifest-asm SOURCE OUTPUT}
 * writes a GNU as file defining the same note
 * ({@link ManifestSource#assembly}), and {@code gen-manifest-note SOURCE
 * OUTPUT} writes the raw note bytes (for {@code objcopy --add-section}). Both
 * check SOURCE like gen-manifest and also reject unknown device types.
 */
public final class Elftool {
    private final String prog;
    private final String version;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    private Elftool(String prog, String version, InputStream stdin, PrintStream out, PrintStream err) {
        this.prog = prog;
        this.version = version;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one elftool command.
     *
     * @param prog    program name for messages and usage ({@code solo5-elftool})
     * @param version Solo5 version for the usage text and the generated C
     * @param args    the arguments after the program name
     * @return the exit status: 0 on success, 1 on any failure
     */
    public static int run(String prog, String version, List<String> args, InputStream stdin, PrintStream out,
                          PrintStream err) {
        Elftool t = new Elftool(prog, version, stdin, out, err);
        String cmd = args.isEmpty() ? "" : args.get(0);
        switch (cmd) {
            case "gen-manifest":
            case "gen-manifest-asm":
            case "gen-manifest-note":
                return args.size() == 3 ? t.generate(cmd, args.get(1), args.get(2)) : t.usage();
            case "query-manifest":
                return args.size() == 2 ? new Query(t::fail, out).manifest(args.get(1)) : t.usage();
            case "query-abi":
                return args.size() == 2 ? new Query(t::fail, out).abi(args.get(1)) : t.usage();
            default:
                return t.usage();
        }
    }

    private int usage() {
        String p = prog;
        err.print("usage: " + p + " COMMAND ...\n"
                + p + " version " + version + "\n\n"
                + "COMMAND is:\n"
                + "    gen-manifest SOURCE OUTPUT:\n"
                + "        Generate application manifest from SOURCE, writing to OUTPUT.\n"
                + "    query-abi BINARY:\n"
                + "        Display the ABI target and version from BINARY.\n"
                + "    query-manifest BINARY:\n"
                + "        Display the application manifest from BINARY.\n");
        err.flush();
        return 1;
    }

    /** Prints {@code <prog>: <message>} (message as UTF-8) and returns 1. */
    int fail(String message) {
        return failBytes(ByteStrings.fromUnicode(message));
    }

    private int failBytes(String byteMessage) {
        byte[] head = (prog + ": ").getBytes(StandardCharsets.UTF_8);
        err.write(head, 0, head.length);
        byte[] body = ByteStrings.toBytes(byteMessage + "\n");
        err.write(body, 0, body.length);
        err.flush();
        return 1;
    }

    private int generate(String cmd, String source, String output) {
        InputStream in;
        if (source.equals("-")) {
            in = stdin;
        } else {
            try {
                in = Files.newInputStream(path(source));
            } catch (IOException e) {
                return fail(source + ": Could not open for reading: " + Errno.strerror(e));
            }
        }
        OutputStream dst;
        if (output.equals("-")) {
            dst = out;
        } else {
            try {
                dst = Files.newOutputStream(path(output), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (IOException e) {
                closeQuietly(in);
                return fail(output + ": Could not open for writing: " + Errno.strerror(e));
            }
        }
        byte[] input = readAll(in);
        if (in != stdin) {
            closeQuietly(in);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status = 0;
        try {
            ManifestJson mj = ManifestJson.parse(input, source);
            switch (cmd) {
                case "gen-manifest":
                    put(text, ManifestSource.c(version, mj));
                    break;
                case "gen-manifest-asm":
                    put(text, ManifestSource.assembly(version, mj.toManifest()));
                    break;
                default:
                    text.writeBytes(mj.toManifest().noteBytes());
                    break;
            }
        } catch (ManifestJsonException e) {
            /* elftool writes the C as it goes, and exit(3) flushes it. */
            if (cmd.equals("gen-manifest") && e.entries() > 0) {
                put(text, ManifestSource.cHeader(version, e.entries()));
                put(text, ManifestSource.cDevices(e.accepted()));
            }
            status = 1;
            finish(dst, text);
            return failBytes(e.byteMessage());
        }
        finish(dst, text);
        return status;
    }

    private void finish(OutputStream dst, ByteArrayOutputStream text) {
        try {
            text.writeTo(dst);
            dst.flush();
        } catch (IOException e) {
            /* like fprintf/fclose in elftool: write errors are not reported */
        }
        if (dst != out) {
            closeQuietly(dst);
        }
    }

    private static void put(ByteArrayOutputStream b, String byteString) {
        b.writeBytes(ByteStrings.toBytes(byteString));
    }

    /** A path for a name as given; "" and invalid names behave like C's ENOENT. */
    static Path path(String name) throws IOException {
        if (name.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(name);
        }
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new java.nio.file.NoSuchFileException(name);
        }
    }

    /** Reads to EOF; a read error ends the input there, as getc() returning EOF does. */
    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                b.write(buf, 0, n);
            }
        } catch (IOException e) {
            /* keep what was read */
        }
        return b.toByteArray();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            /* nothing to do */
        }
    }
}
