package io.clarion.core.redaction;

import io.clarion.core.cache.BoundedCache;

/**
 * What each distinct text redacts to, kept per (redactor, text) for every recipient of it: the rules run once per
 * text, not once per delivery, and each recipient's copy is then finished by {@link Redactor#forRecipient} (which
 * runs the email rule again only for a text that holds the recipient's own address). Redactors compare by their
 * rules, so a tenant's rules read again unchanged find what was kept, and a changed rule finds nothing and
 * applies. At most {@code maxSize} texts are kept, least recently used out first; a text whose redaction overruns
 * the step bound is not kept (every delivery of it fails closed). Thread-safe.
 */
public final class RedactedTexts {
    private final BoundedCache<Key, Redactor.Prepared> prepared;

    public RedactedTexts(int maxSize) {
        this.prepared = new BoundedCache<>(maxSize);
    }

    /**
     * The same as {@code redactor.redact(text, ownEmail)}.
     *
     * @throws RedactionOverrunException when a rule exceeds the step bound
     */
    public String redact(Redactor redactor, String text, String ownEmail) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return redactor.forRecipient(prepared.computeIfAbsent(new Key(redactor, text), key -> redactor.prepare(text)),
                ownEmail);
    }

    /** Texts kept now. */
    public int size() {
        return prepared.size();
    }

    private record Key(Redactor redactor, String text) {
    }
}
