package io.clarion.dispatcher.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}); sent in full only when Redis does not know it yet
 * (first use, or after a restart or failover flushed the script cache).
 */
public final class LuaScript {
    private final RedisConnection redis;
    private final String text;
    private final String sha;

    public LuaScript(RedisConnection redis, String text) {
        this.redis = redis;
        this.text = text;
        this.sha = redis.commands().digest(text);
    }

    /** Runs a script that returns one string. */
    public Mono<String> run(String[] keys, String... args) {
        return redis.commands().<String>evalsha(sha, ScriptOutputType.VALUE, keys, args)
                .onErrorResume(RedisNoScriptException.class,
                        unknown -> redis.commands().<String>eval(text, ScriptOutputType.VALUE, keys, args))
                .single();
    }

    /** Runs a script that returns an array of strings or integers (one answer per request of a batch). */
    public Mono<List<Object>> runForEach(String[] keys, String... args) {
        return redis.commands().<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                .onErrorResume(RedisNoScriptException.class,
                        unknown -> redis.commands().<List<Object>>eval(text, ScriptOutputType.MULTI, keys, args))
                .single();
    }
}
