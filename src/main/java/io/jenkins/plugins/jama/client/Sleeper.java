package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/** Waits between retries; tests pass one that only records the wait and moves their clock. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(@NonNull Duration duration) throws InterruptedException;
}
