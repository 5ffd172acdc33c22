package dev.tender.core.module;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Host resources a module opened in {@link TenderModule#preopen}, before the image was read, kept per argument
 * until {@link TenderModule#handleOption} reaches that argument. Each outcome (the resource, or the failure to
 * report) is kept as it happened and handed out first in, first out, so the same argument given twice gets
 * its two outcomes in order; an argument with nothing stored (Solo5's {@code --mem=} quirk offers an argument
 * twice) is opened then, as without the pre-open. The user sees the same messages at the same point either way.
 * (No lambdas here or in the openers: this runs during start-up, where a JVM's first lambdas cost milliseconds.)
 *
 * @param <R> the resource (an attached TAP, a backing file)
 * @param <E> the failure that handleOption reports for it
 */
public final class Preopened<R, E extends Exception> {
    /** Opens the resource an option's value names. */
    @FunctionalInterface
    public interface Opener<R, E extends Exception> {
        R open(String target) throws E;
    }

    private record Outcome<R, E>(R resource, E failure) {
    }

    private final Opener<R, E> opener;
    private final Map<String, Deque<Outcome<R, E>>> stored = new HashMap<>();

    public Preopened(Opener<R, E> opener) {
        this.opener = opener;
    }

    /**
     * Opens {@code target} now and keeps the outcome for {@code arg}. An unexpected failure (a runtime exception,
     * a native library that does not load) keeps nothing: handleOption then meets it again where it did before.
     */
    @SuppressWarnings("unchecked")
    public void open(String arg, String target) {
        Outcome<R, E> outcome;
        try {
            outcome = new Outcome<>(opener.open(target), null);
        } catch (RuntimeException | LinkageError e) {
            return;
        } catch (Exception e) {
            outcome = new Outcome<>(null, (E) e); // open() declares E only
        }
        Deque<Outcome<R, E>> queue = stored.get(arg);
        if (queue == null) {
            queue = new ArrayDeque<>();
            stored.put(arg, queue);
        }
        queue.add(outcome);
    }

    /**
     * The next outcome kept for {@code arg}: its resource, or its failure thrown; with none kept, opens
     * {@code target} now.
     */
    public R take(String arg, String target) throws E {
        Deque<Outcome<R, E>> queue = stored.get(arg);
        Outcome<R, E> outcome = queue == null ? null : queue.poll();
        if (outcome == null) {
            return opener.open(target);
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.resource();
    }
}
