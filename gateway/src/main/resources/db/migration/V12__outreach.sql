-- Direct outreach for top accounts: a broadcast whose outreach names tiers (a playbook's "outreach") does not
-- send to the recipients of those tiers; each goes on the incident's outreach list instead, one entry per
-- (tenant, incident, recipient), filled when the broadcast is published (accepted without approval, or
-- released) and refreshed by each later version. Contact points and the owner are read from the recipient
-- when the list is read, so an entry holds none; erasing the recipient removes its entries (ON DELETE CASCADE).
-- An entry is done for the version it names when done_version = version; a newer version makes it open again,
-- keeping who marked which version done last.
CREATE TABLE outreach (
    tenant_id        text        NOT NULL,
    incident_id      text        NOT NULL,
    recipient_id     text        NOT NULL,
    broadcast_id     uuid        NOT NULL,
    version          integer     NOT NULL,
    owner_attribute  text        NOT NULL,
    done_version     integer,
    done_by          text,
    done_at          timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, incident_id, recipient_id),
    FOREIGN KEY (tenant_id, recipient_id) REFERENCES recipients (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX outreach_recipient ON outreach (tenant_id, recipient_id);
