package io.clarion.core.channel;

/**
 * What Clarion needs to know of a channel outside its sender, in one place: the column of a recipient's row that
 * holds its contact point (as the audience query returns it), how a destination is read from it, the column of
 * the secret its messages are signed with (if any), and which retry schedule it follows. A new channel adds a
 * descriptor to {@link Channel} and a sender in its own package; nothing else switches on the channel.
 *
 * @param contactColumn the contact point's column in an audience row
 * @param secretColumn  the signing secret's column in an audience row, or {@code null} when messages are not signed
 * @param contactIsList whether the contact point is a JSON list (device tokens), empty ({@code []}) when there is none
 * @param retry         the retry schedule the channel follows
 */
public record ChannelDescriptor(String contactColumn, String secretColumn, boolean contactIsList, RetryStyle retry) {

    /** Which of the configured retry schedules a channel follows. */
    public enum RetryStyle {
        /** Full-jitter exponential backoff with a cap and a number of attempts (email, SMS, push). */
        EXPONENTIAL,
        /** A fixed list of delays (webhooks, Standard Webhooks' schedule). */
        FIXED
    }

    /** The destination a delivery carries for a contact column's value, or {@code null} when there is none. */
    public String destination(String contact) {
        if (contact == null || (contactIsList && contact.equals("[]"))) {
            return null;
        }
        return contact;
    }
}
