package io.jenkins.plugins.jama.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** An answer body read up to a limit; a longer one is not read further and is only marked as too large. */
final class CappedBody {

    private final byte[] bytes;
    private final boolean tooLarge;

    private CappedBody(byte[] bytes, boolean tooLarge) {
        this.bytes = withoutByteOrderMark(bytes);
        this.tooLarge = tooLarge;
    }

    static HttpResponse.BodyHandler<CappedBody> handler(int maxBytes) {
        return info -> new Subscriber(maxBytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    boolean tooLarge() {
        return tooLarge;
    }

    boolean isBlank() {
        return new String(bytes, StandardCharsets.UTF_8).isBlank();
    }

    /** RFC 8259 lets a parser ignore a UTF-8 byte order mark, and some servers send one before the JSON. */
    private static byte[] withoutByteOrderMark(byte[] bytes) {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            return Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return bytes;
    }

    /** The first non-blank character, to tell JSON from an HTML page when the content type is missing or wrong. */
    char firstChar() {
        String text = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8);
        String stripped = text.stripLeading();
        return stripped.isEmpty() ? 0 : stripped.charAt(0);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {

        private final int maxBytes;
        private final ByteArrayOutputStream read = new ByteArrayOutputStream();
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (result.isDone()) {
                    return;
                }
                if (read.size() + item.remaining() > maxBytes) {
                    subscription.cancel();
                    result.complete(new CappedBody(new byte[0], true));
                    return;
                }
                byte[] part = new byte[item.remaining()];
                item.get(part);
                read.writeBytes(part);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new CappedBody(read.toByteArray(), false));
        }
    }
}
