package dev.tender.it.host;

/** POSIX shell quoting, for the command scripts an emulated host runs. */
final class Shell {
    private Shell() {
    }

    /** {@code s} as one shell word: single-quoted, with each ' written as '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
