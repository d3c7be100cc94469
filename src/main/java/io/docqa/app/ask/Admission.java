package io.docqa.app.ask;

import io.docqa.security.Caller;

/**
 * A caller let through the rate limit for one question: what {@link AskService#prepare} needs. Only the service
 * issues it, so no adapter can skip the limit; a streaming adapter takes it on the request thread (a refusal is
 * the HTTP answer) and answers on another.
 */
public final class Admission {

    private final Caller caller;
    private final Channel channel;

    Admission(Caller caller, Channel channel) {
        this.caller = caller;
        this.channel = channel;
    }

    Caller caller() {
        return caller;
    }

    Channel channel() {
        return channel;
    }
}
