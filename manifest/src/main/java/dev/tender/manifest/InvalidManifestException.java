package dev.tender.manifest;

/**
 * A binary MFT1 manifest broke one of the validation rules of
 * {@code docs/manifest.md} §2. The message names the rule; it is for diagnostics
 * only, since Solo5 reports every violation with one fixed text
 * ({@code Solo5 manifest is invalid} in the tenders,
 * {@code Manifest validation failed} in elftool).
 */
public final class InvalidManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidManifestException(String message) {
        super(message, null, false, false);
    }
}
