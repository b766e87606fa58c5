package io.clarion.core.redaction;

/**
 * A redaction pattern needed more than its step budget on one text (see {@link BoundedMatching}): the text could
 * not be redacted safely, so it must not be sent as is.
 */
public final class RedactionOverrunException extends RuntimeException {
    public RedactionOverrunException(String pattern, long maxSteps) {
        super("redaction pattern '" + pattern + "' exceeded " + maxSteps + " steps (expected: a pattern without "
                + "catastrophic backtracking)");
    }
}
