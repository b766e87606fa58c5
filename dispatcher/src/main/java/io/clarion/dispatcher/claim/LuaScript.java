package io.clarion.dispatcher.claim;

import io.clarion.dispatcher.redis.RedisConnection;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import reactor.core.publisher.Mono;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}); sent in full only when Redis does not know it yet
 * (first use, or after a restart or failover flushed the script cache).
 */
final class LuaScript {
    private final RedisConnection redis;
    private final String text;
    private final String sha;

    LuaScript(RedisConnection redis, String text) {
        this.redis = redis;
        this.text = text;
        this.sha = redis.commands().digest(text);
    }

    Mono<String> run(String[] keys, String... args) {
        return redis.commands().<String>evalsha(sha, ScriptOutputType.VALUE, keys, args)
                .onErrorResume(RedisNoScriptException.class,
                        unknown -> redis.commands().<String>eval(text, ScriptOutputType.VALUE, keys, args))
                .single();
    }
}
