package dev.tender.manifest.elftool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The {@code strerror} text C would print for a failed open. */
final class Errno {
    static final String ENOENT = "No such file or directory";

    private Errno() {
    }

    static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (reason == null) {
            return "Input/output error";
        }
        int extra = reason.indexOf(" or unable to access attributes");
        return extra > 0 ? reason.substring(0, extra) : reason;
    }
}
