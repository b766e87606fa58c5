package io.clarion.core.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What became of one delivery attempt. Expected outcomes are values, not exceptions: only bugs and
 * broken infrastructure throw. {@link #counter()} names the broadcast counter an outcome adds to.
 */
public sealed interface DeliveryOutcome {

    /** The broadcast counter this final outcome counts in: sent, failed, superseded or suppressed. */
    String counter();

    /** The provider accepted the message. */
    record Sent() implements DeliveryOutcome {
        public String counter() {
            return "sent";
        }
    }

    /** A newer version of the incident was already sent to this recipient on this channel. */
    record Superseded() implements DeliveryOutcome {
        public String counter() {
            return "superseded";
        }
    }

    /** Deliberately not sent, e.g. {@code channel-not-configured}, {@code no-contact-point}, {@code duplicate}. */
    record Suppressed(String reason) implements DeliveryOutcome {
        public Suppressed {
            requireNonNull(reason, "reason");
        }

        public String counter() {
            return "suppressed";
        }
    }

    /**
     * Not final: try again after {@code after}. A transient failure (the provider throttling or briefly
     * unavailable) uses an attempt, and waits for the provider's {@code Retry-After}, or the channel's backoff
     * when {@code after} is zero. A deferral ({@link #deferred}) is no failure and uses no attempt: the
     * delivery waits for an open circuit or a recipient's anti-fatigue limit.
     */
    record RetryLater(Duration after, String reason, boolean usesAttempt) implements DeliveryOutcome {
        public RetryLater {
            requireNonNull(after, "after");
            requireNonNull(reason, "reason");
        }

        /** A transient failure, after the provider's hint (zero: none). */
        public RetryLater(Duration after, String reason) {
            this(after, reason, true);
        }

        /** A transient failure without a provider hint: the channel's backoff decides when to try again. */
        public static RetryLater backoff(String reason) {
            return new RetryLater(Duration.ZERO, reason);
        }

        /** Not a failure: wait {@code after}, then try again without using an attempt. */
        public static RetryLater deferred(Duration after, String reason) {
            return new RetryLater(after, reason, false);
        }

        public String counter() {
            throw new IllegalStateException("RetryLater is not final and counts in no counter");
        }
    }

    /** The provider refused for good, or every attempt failed. */
    record Failed(String reason) implements DeliveryOutcome {
        public Failed {
            requireNonNull(reason, "reason");
        }

        public String counter() {
            return "failed";
        }
    }

    /**
     * The recipient's contact point is unusable for good (invalid or STOP-ed number, unregistered device
     * token, {@code 410 Gone} webhook): this delivery failed, and the contact point is marked unusable so
     * later broadcasts skip it with a reason until the recipient's contact point is updated.
     */
    record Undeliverable(String reason) implements DeliveryOutcome {
        public Undeliverable {
            requireNonNull(reason, "reason");
        }

        public String counter() {
            return "failed";
        }
    }

    /**
     * The provider answered something the sender does not know (an unknown error code): the delivery is
     * parked in the dead-letter topic with the answer for an operator, never dropped silently.
     */
    record Unrecognized(String reason) implements DeliveryOutcome {
        public Unrecognized {
            requireNonNull(reason, "reason");
        }

        public String counter() {
            return "failed";
        }
    }

    /**
     * The final outcome stored under {@code counter} with {@code reason} (may be {@code null}), as a settled claim
     * replays it: {@code sent}, {@code superseded}, {@code suppressed}, and anything else as {@code failed}.
     */
    static DeliveryOutcome ofCounter(String counter, String reason) {
        return switch (counter) {
            case "sent" -> new Sent();
            case "superseded" -> new Superseded();
            case "suppressed" -> new Suppressed(reason == null ? "suppressed" : reason);
            default -> new Failed(reason == null ? "failed" : reason);
        };
    }

    /** The reason stored with the outcome, or {@code null} when there is none. */
    default String reason() {
        return null;
    }
}
