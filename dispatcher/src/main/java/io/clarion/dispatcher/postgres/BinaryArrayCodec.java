package io.clarion.dispatcher.postgres;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Encodes {@link BinaryArray} parameters in the binary format; it only encodes (a query reads arrays with the driver's
 * own codecs). r2dbc-postgresql finds it through {@link Registrar}, an extension listed in
 * {@code META-INF/services/io.r2dbc.postgresql.extension.Extension}, on every connection it opens.
 */
public final class BinaryArrayCodec implements Codec<BinaryArray> {
    private final ByteBufAllocator allocator;

    BinaryArrayCodec(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** Registers the codec ahead of the driver's own, so its lookup by parameter class finds it first. */
    public static final class Registrar implements CodecRegistrar {
        @Override
        public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator,
                                        CodecRegistry registry) {
            return Mono.fromRunnable(() -> registry.addFirst(new BinaryArrayCodec(allocator)));
        }
    }

    @Override
    public boolean canEncode(Object value) {
        return value instanceof BinaryArray;
    }

    @Override
    public EncodedParameter encode(Object value) {
        BinaryArray array = (BinaryArray) value;
        return new EncodedParameter(Format.FORMAT_BINARY, array.arrayOid(), Mono.fromSupplier(() -> {
            ByteBuf buffer = allocator.buffer(array.sizeHint());
            array.writeTo(buffer);
            return buffer;
        }));
    }

    /** The array says its own type: a declared one is not used. */
    @Override
    public EncodedParameter encode(Object value, int dataType) {
        return encode(value);
    }

    /** A null binds through the driver's codec of its declared class, never as a {@link BinaryArray}. */
    @Override
    public boolean canEncodeNull(Class<?> type) {
        return false;
    }

    @Override
    public EncodedParameter encodeNull() {
        throw new UnsupportedOperationException("a null BinaryArray has no element type");
    }

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return false;
    }

    @Override
    public BinaryArray decode(ByteBuf buffer, int dataType, Format format, Class<? extends BinaryArray> type) {
        throw new UnsupportedOperationException("BinaryArray is a parameter only");
    }
}
