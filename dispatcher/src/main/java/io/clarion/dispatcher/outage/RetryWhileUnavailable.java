package io.clarion.dispatcher.outage;

import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Waits out broken infrastructure (Redis or PostgreSQL unreachable, timing out, failing over): retries a Mono
 * without limit, backing off exponentially from the first backoff to 5 s, each wait jittered by up to half of it
 * (within those bounds). Anything else is not retried: it is a bug or a bad record, and its error goes on as it is.
 * <p>
 * A retry re-subscribes the source, as {@code retryWhen} does; it is built from {@code onErrorResume}, so a
 * subscription that never fails (nearly all of them: several per delivery) costs one operator, not the companion
 * flux and sinks {@code retryWhen} sets up for each subscription.
 */
public final class RetryWhileUnavailable {
    private static final Logger log = LoggerFactory.getLogger(RetryWhileUnavailable.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final double JITTER = 0.5;

    private RetryWhileUnavailable() {
    }

    /** {@code source}, subscribed again while it fails with unavailability; {@code what} is only evaluated to log. */
    public static <T> Mono<T> retrying(Mono<T> source, Duration firstBackoff, Supplier<String> what) {
        return retrying(source, firstBackoff, what, 0);
    }

    private static <T> Mono<T> retrying(Mono<T> source, Duration firstBackoff, Supplier<String> what, long retries) {
        return source.onErrorResume(RetryWhileUnavailable::isUnavailable, error -> Mono.delay(
                        waitBefore(retries, firstBackoff, what, error))
                .then(Mono.defer(() -> retrying(source, firstBackoff, what, retries + 1))));
    }

    /** Logs the failure and answers how long to wait before retry number {@code retries + 1}. */
    private static Duration waitBefore(long retries, Duration firstBackoff, Supplier<String> what, Throwable error) {
        log.warn("{} failed (attempt {}), waiting: {}", what.get(), retries + 1, error.toString());
        return backoff(retries, firstBackoff, ThreadLocalRandom.current().nextDouble(-1, 1));
    }

    /**
     * The wait before retry number {@code retries + 1}: {@code firstBackoff} doubled per earlier retry, at most 5 s,
     * moved by {@code jitter} (-1 to 1) times half of it, and kept within {@code firstBackoff} and 5 s.
     */
    static Duration backoff(long retries, Duration firstBackoff, double jitter) {
        long first = Math.max(1, firstBackoff.toMillis());
        long max = Math.max(first, MAX_BACKOFF.toMillis());
        long next = retries >= 62 || first > max >> retries ? max : first << retries;
        long jittered = next + Math.round(next * JITTER * jitter);
        return Duration.ofMillis(Math.min(max, Math.max(first, jittered)));
    }

    /** True when the error, one of its causes, or every error of a composite (from flatMap) is unavailability. */
    public static boolean isUnavailable(Throwable error) {
        List<Throwable> composite = Exceptions.unwrapMultiple(error);
        if (composite.size() > 1 || composite.get(0) != error) {
            return composite.stream().allMatch(RetryWhileUnavailable::isUnavailable);
        }
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof RedisException || e instanceof TransientDataAccessException
                    || e instanceof DataAccessResourceFailureException || e instanceof R2dbcTransientException
                    || e instanceof R2dbcNonTransientResourceException || e instanceof IOException
                    || e instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
