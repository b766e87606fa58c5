package io.clarion.dispatcher.channel.webhook;

import static java.util.Objects.requireNonNull;

import io.clarion.core.webhook.AddressPolicy;
import io.clarion.core.webhook.IpLiteral;
import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The webhook client's resolver: resolves with the wrapped (non-blocking DNS) resolver, then judges every
 * resulting address with the {@link AddressPolicy} before any connection is opened, so the address
 * checked is the address connected to (no check-then-resolve gap for DNS rebinding). Literal IPs in URLs
 * are judged too, and numeric hosts are read the way the OS resolver reads them ({@code 2130706433},
 * {@code 0x7f.0.0.1}, {@code 127.1} are 127.0.0.1). A name resolving to any refused address is refused.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    private final AddressResolverGroup<InetSocketAddress> delegate;
    private final AddressPolicy policy;

    GuardedResolverGroup(AddressResolverGroup<InetSocketAddress> delegate, AddressPolicy policy) {
        this.delegate = requireNonNull(delegate, "delegate");
        this.policy = requireNonNull(policy, "policy");
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new GuardedResolver(executor, delegate.getResolver(executor), policy);
    }

    @Override
    public void close() {
        super.close();
        delegate.close();
    }

    private static final class GuardedResolver extends AbstractAddressResolver<InetSocketAddress> {
        private final AddressResolver<InetSocketAddress> delegate;
        private final AddressPolicy policy;

        GuardedResolver(EventExecutor executor, AddressResolver<InetSocketAddress> delegate, AddressPolicy policy) {
            super(executor, InetSocketAddress.class);
            this.delegate = delegate;
            this.policy = policy;
        }

        /** Never "already resolved": literal addresses must pass the check too. */
        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return false;
        }

        @Override
        protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) throws Exception {
            Promise<List<InetSocketAddress>> all = executor().newPromise();
            all.addListener((Future<List<InetSocketAddress>> f) -> {
                if (f.isSuccess()) {
                    promise.trySuccess(f.getNow().get(0));
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            doResolveAll(address, all);
        }

        @Override
        protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) throws Exception {
            Optional<InetSocketAddress> literal = literal(address);
            if (literal.isPresent()) {
                judge(List.of(literal.get()), promise);
                return;
            }
            delegate.resolveAll(address).addListener((Future<List<InetSocketAddress>> f) -> {
                if (f.isSuccess()) {
                    judge(f.getNow(), promise);
                } else {
                    promise.tryFailure(f.cause());
                }
            });
        }

        private static Optional<InetSocketAddress> literal(InetSocketAddress address) throws UnknownHostException {
            if (!address.isUnresolved()) {
                return Optional.of(address);
            }
            Optional<byte[]> numeric = IpLiteral.numericHost(address.getHostString());
            if (numeric.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(numeric.get()), address.getPort()));
        }

        private void judge(List<InetSocketAddress> addresses, Promise<List<InetSocketAddress>> promise) {
            for (InetSocketAddress address : addresses) {
                Optional<String> refusal = policy.refusal(address.getAddress().getAddress(), address.getPort());
                if (refusal.isPresent()) {
                    promise.tryFailure(new DestinationRefusedException(address, refusal.get()));
                    return;
                }
            }
            promise.trySuccess(addresses);
        }
    }
}
