-- Contact points a provider refused for good: an invalid or STOP-ed number, an unregistered device token,
-- a webhook answering 410 Gone. Keyed by the destination itself, so changing the recipient's contact point
-- makes the channel usable again without deleting anything; expansion skips a marked one with its reason.
CREATE TABLE unusable_contacts (
    recipient_id  text        NOT NULL,
    channel       text        NOT NULL,
    destination   text        NOT NULL,
    reason        text        NOT NULL,
    marked_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recipient_id, channel, destination)
);
