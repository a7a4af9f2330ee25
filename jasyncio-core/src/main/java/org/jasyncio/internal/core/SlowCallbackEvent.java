package org.jasyncio.internal.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** Flight Recorder: a callback or task step that held the loop longer than the slow-callback limit. */
@Name("org.jasyncio.SlowCallback")
@Label("Slow Callback")
@Category({"jasyncio", "Event Loop"})
@Description("A callback or task step ran longer than the loop's slow-callback duration (debug mode)")
final class SlowCallbackEvent extends Event {
    @Label("Callback")
    String callback;

    @Label("Duration")
    @Timespan(Timespan.NANOSECONDS)
    long durationNanos;
}
