package io.clarion.dispatcher.breaker;

/** Builds {@link ProviderBreakers} for tests of other packages (its constructor is package-private). */
public final class ProviderBreakersAccess {
    private ProviderBreakersAccess() {
    }

    public static ProviderBreakers create(BreakerProperties properties) {
        return new ProviderBreakers(properties);
    }
}
