package io.clarion.dispatcher.outage;

import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import reactor.core.Exceptions;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Waits out broken infrastructure (Redis or PostgreSQL unreachable, timing out, failing over): retries
 * without limit, backing off to 5 s. Anything else is not retried: it is a bug or a bad record.
 */
public final class RetryWhileUnavailable {
    private static final Logger log = LoggerFactory.getLogger(RetryWhileUnavailable.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private RetryWhileUnavailable() {
    }

    /** {@code what} describes the operation in the log line of a retry; it is only evaluated then. */
    public static RetryBackoffSpec of(Duration firstBackoff, Supplier<String> what) {
        return Retry.backoff(Long.MAX_VALUE, firstBackoff).maxBackoff(MAX_BACKOFF)
                .filter(RetryWhileUnavailable::isUnavailable)
                .doBeforeRetry(signal -> log.warn("{} failed (attempt {}), waiting: {}", what.get(),
                        signal.totalRetries() + 1, signal.failure().toString()));
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
