package io.clarion.gateway.statuspage;

import io.clarion.gateway.statuspage.PublicStatus.PublicUpdate;

/**
 * The one place an update's body becomes public text, on the page, in the JSON and in the feed alike. Today it
 * is the body as stored; the tenant's redaction rules (templates and redaction issue) belong here, so that
 * nothing the status page shows ever bypasses them.
 */
final class StatusText {
    private StatusText() {
    }

    static String of(String tenant, PublicUpdate update) {
        return update.body();
    }
}
