package io.clarion.core.template;

/** A template that does not compile, or a render that met a name its context does not hold. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
