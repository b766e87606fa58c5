package io.clarion.dispatcher.postgres;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A one-dimensional array statement parameter that travels in PostgreSQL's binary array format ({@code array_send}):
 * per element its length and its bytes, nothing quoted or escaped. The driver's own array codec writes every array
 * as a text literal, quoting and escaping each element character by character, which PostgreSQL then parses back;
 * for the delivery ledger's column arrays (a batch's recipient ids, destinations, message ids ...) that was the
 * biggest part of its I/O thread. Bound with {@code DatabaseClient.bind}, encoded by {@link BinaryArrayCodec}.
 * Elements may be {@code null}.
 */
public final class BinaryArray {
    /** An element type: its PostgreSQL type oid, its array type's oid and how one element is written. */
    enum Element {
        TEXT(25, 1009), INT4(23, 1007), UUID(2950, 2951), BYTEA(17, 1001);

        final int oid;
        final int arrayOid;

        Element(int oid, int arrayOid) {
            this.oid = oid;
            this.arrayOid = arrayOid;
        }
    }

    private final Element element;
    private final Object[] values;

    private BinaryArray(Element element, Object[] values) {
        this.element = element;
        this.values = Objects.requireNonNull(values, "values");
    }

    /** A {@code text[]}. */
    public static BinaryArray texts(String[] values) {
        return new BinaryArray(Element.TEXT, values);
    }

    /** An {@code int4[]}. */
    public static BinaryArray integers(Integer[] values) {
        return new BinaryArray(Element.INT4, values);
    }

    /** A {@code uuid[]}. */
    public static BinaryArray uuids(UUID[] values) {
        return new BinaryArray(Element.UUID, values);
    }

    /** A {@code bytea[]}. */
    public static BinaryArray bytes(byte[][] values) {
        return new BinaryArray(Element.BYTEA, values);
    }

    /** The array type's oid, which the statement's parameter is declared as. */
    int arrayOid() {
        return element.arrayOid;
    }

    /**
     * Appends the array in {@code array_recv}'s format: dimensions (none for an empty array), whether it has nulls,
     * the element type, the length and lower bound (1), then each element as its length ({@code -1}: null) and bytes.
     */
    void writeTo(ByteBuf out) {
        boolean empty = values.length == 0;
        out.writeInt(empty ? 0 : 1);
        out.writeInt(Arrays.stream(values).anyMatch(Objects::isNull) ? 1 : 0);
        out.writeInt(element.oid);
        if (empty) {
            return;
        }
        out.writeInt(values.length);
        out.writeInt(1);
        for (Object value : values) {
            if (value == null) {
                out.writeInt(-1);
                continue;
            }
            switch (element) {
                case TEXT -> writeText(out, (String) value);
                case INT4 -> out.writeInt(4).writeInt((Integer) value);
                case UUID -> out.writeInt(16).writeLong(((UUID) value).getMostSignificantBits())
                        .writeLong(((UUID) value).getLeastSignificantBits());
                case BYTEA -> out.writeInt(((byte[]) value).length).writeBytes((byte[]) value);
            }
        }
    }

    private static void writeText(ByteBuf out, String text) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, text);
        out.setInt(lengthAt, written);
    }

    /** The bytes {@link #writeTo} writes, at most: lets the codec size its buffer once. */
    int sizeHint() {
        int size = 20 + 4 * values.length;
        for (Object value : values) {
            if (value instanceof String text) {
                size += ByteBufUtil.utf8MaxBytes(text);
            } else if (value instanceof byte[] bytes) {
                size += bytes.length;
            } else if (value != null) {
                size += 16;
            }
        }
        return size;
    }

    /** The type and length only: the elements are recipients' data. */
    @Override
    public String toString() {
        return element.name().toLowerCase(java.util.Locale.ROOT) + "[" + values.length + "]";
    }
}
