package io.clarion.core.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {
    private final UnsubscribeLinks links = new UnsubscribeLinks("a-key-of-at-least-16-bytes", "https://status.example.com/");

    @Test
    void aTokenVerifiesForItsTenantAndSubscriberOnly() {
        String token = links.token("acme", "sub-1");
        assertThat(links.verify("acme", token)).contains("sub-1");
        assertThat(links.verify("globex", token)).isEmpty();
        assertThat(links.verify("acme", token.replace("sub-1.", "sub-2."))).isEmpty();
        assertThat(links.verify("acme", token + "x")).isEmpty();
        assertThat(links.verify("acme", "sub-1")).isEmpty();
        assertThat(links.verify("acme", null)).isEmpty();
    }

    @Test
    void anotherKeyMakesAnotherToken() {
        UnsubscribeLinks other = new UnsubscribeLinks("another-key-of-16-bytes!", "https://status.example.com");
        assertThat(other.verify("acme", links.token("acme", "sub-1"))).isEmpty();
    }

    @Test
    void onlyRecipientsNamedAsSubscribersGetTokensThatVerify() {
        assertThat(links.verify("acme", links.token("acme", "r-1"))).isEmpty();
        assertThat(UnsubscribeLinks.isSubscriber("sub-abc")).isTrue();
        assertThat(UnsubscribeLinks.isSubscriber("r-abc")).isFalse();
    }

    @Test
    void theUrlIsTheGatewaysUnsubscribeRouteAndOneClickNeedsHttpsOrLoopback() {
        assertThat(links.url("acme", "sub-1"))
                .startsWith("https://status.example.com/status/acme/subscribers/unsubscribe?token=sub-1.");
        assertThat(links.oneClick()).isTrue();
        assertThat(new UnsubscribeLinks("a-key-of-at-least-16-bytes", "http://127.0.0.1:8080").oneClick()).isTrue();
        assertThat(new UnsubscribeLinks("a-key-of-at-least-16-bytes", "http://status.example.com").oneClick()).isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeLinks("short", "https://x"))
                .hasMessageContaining("clarion.subscribers.token-key");
    }
}
