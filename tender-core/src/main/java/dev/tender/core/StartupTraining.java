package dev.tender.core;

/**
 * The training run that records bin/tender's start-up archive (bin/tender-cds): the JVM writes an AOT cache or
 * class list only when it exits normally, so in a training run the tender stops just before the point of no
 * return (the spt tender's exec of the launcher) and the entry point exits instead of halting. Set by the
 * launcher as the system property {@value #PROPERTY}; never in a production run.
 */
public final class StartupTraining {
    public static final String PROPERTY = "tender.training";
    private static final boolean ACTIVE = Boolean.getBoolean(PROPERTY);

    private StartupTraining() {
    }

    public static boolean active() {
        return ACTIVE;
    }
}
