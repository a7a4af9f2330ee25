package org.jasyncio.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Protecting a future from the cancellation of whoever awaits it: asyncio's {@code shield}.
 * {@code AsyncIO.shield} is the public entry point.
 */
public final class Shield {
    private Shield() {
    }

    /**
     * A future that completes as {@code inner} does, but whose cancellation does not
     * cancel {@code inner}. So a task awaiting {@code shield(inner)} can be cancelled while
     * {@code inner} runs on. If {@code inner} itself is cancelled, the shield is cancelled
     * too. When {@code inner} is already done it is returned as is.
     */
    public static <T> Future<T> shield(Future<T> inner) {
        Objects.requireNonNull(inner, "inner");
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.getLoop().createFuture();
        Consumer<Future<T>> innerDone = f -> {
            if (outer.cancelled()) {
                if (!f.cancelled()) {
                    f.exception();   // nobody will look at it now: mark it retrieved
                }
                return;
            }
            if (f.cancelled()) {
                outer.cancel();
                return;
            }
            Throwable error = f.exception();
            if (error != null) {
                outer.setException(error);
            } else {
                outer.setResult(f.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}
