package io.jenkins.plugins.jama.fake;

import io.jenkins.plugins.jama.client.JamaHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each wait and moves a {@link ManualClock} by it instead of sleeping. */
public final class RecordingSleeper implements JamaHttp.Sleeper {

    private final ManualClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    public RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
