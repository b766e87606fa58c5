package io.clarion.dispatcher.delivery;

import static java.util.Objects.requireNonNull;

import io.clarion.core.delivery.UpdateContent;

/**
 * The message a delivery sends. Today it is the update's own texts, which each sender lays out for its channel;
 * templates (per channel and locale) will render here, once, before the send.
 */
record RenderedMessage(UpdateContent content) {
    RenderedMessage {
        requireNonNull(content, "content");
    }
}
