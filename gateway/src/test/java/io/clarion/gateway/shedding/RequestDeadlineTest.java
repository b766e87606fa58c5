package io.clarion.gateway.shedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class RequestDeadlineTest {
    @Test
    void aWriteThatEnteredTheDatabaseCanNoLongerExpire() {
        RequestDeadline deadline = RequestDeadline.forMethod(HttpMethod.POST);

        assertThat(deadline.enterDatabase()).isTrue();
        assertThat(deadline.expire()).isFalse();
        assertThat(deadline.answer()).isTrue();
    }

    @Test
    void anExpiredWriteMayNeitherUseAConnectionNorAnswerItself() {
        RequestDeadline deadline = RequestDeadline.forMethod(HttpMethod.PUT);

        assertThat(deadline.expire()).isTrue();
        assertThat(deadline.enterDatabase()).isFalse();
        assertThat(deadline.answer()).isFalse();
        assertThat(deadline.expire()).isFalse();
    }

    @Test
    void aReadStaysExpirableAfterEnteringTheDatabaseUntilItAnswers() {
        RequestDeadline deadline = RequestDeadline.forMethod(HttpMethod.GET);

        assertThat(deadline.enterDatabase()).isTrue();
        assertThat(deadline.answer()).isTrue();
        assertThat(deadline.expire()).isFalse();
        assertThat(RequestDeadline.forMethod(HttpMethod.HEAD).enterDatabase()).isTrue();
    }

    @Test
    void anExpiredReadGetsNoConnection() {
        RequestDeadline deadline = RequestDeadline.forMethod(HttpMethod.GET);

        assertThat(deadline.enterDatabase()).isTrue();
        assertThat(deadline.expire()).isTrue();
        assertThat(deadline.enterDatabase()).isFalse();
    }
}
