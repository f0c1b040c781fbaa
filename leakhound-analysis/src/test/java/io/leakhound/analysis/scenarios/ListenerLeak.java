package io.leakhound.analysis.scenarios;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * <b>Leak: {@code callback-accumulation}.</b> An application event bus (a singleton) keeps its listeners in a
 * list. Every request registers a listener to hear about configuration changes while it runs — a lambda that
 * captures the request's state (with its 8 KB response buffer), and for audited requests also an anonymous
 * inner class that captures its handler — and nobody unregisters them when the request ends.
 *
 * <p>Expected diagnosis: holder the singleton {@code ListenerLeak$EventBus.INSTANCE}, field {@code listeners}
 * ({@code java.util.concurrent.CopyOnWriteArrayList}), pattern {@code callback-accumulation}, accumulation
 * point its {@code Object[]} array, accumulated elements lambda instances
 * ({@code ListenerLeak$RequestHandler$$Lambda$…}, capturing {@code ListenerLeak$RequestState}) and the
 * anonymous class {@code ListenerLeak$RequestHandler$1} (capturing {@code ListenerLeak$RequestHandler}).
 */
public final class ListenerLeak {
    public static final int REQUESTS = 3_000;
    /** Every fourth request is audited and registers an anonymous listener as well. */
    public static final int AUDITED = REQUESTS / 4;

    /** An application event. */
    record Event(String topic, String payload) {
    }

    /** A callback. */
    interface Listener {
        void onEvent(Event e);
    }

    /** The process-wide event bus. */
    static final class EventBus {
        static final EventBus INSTANCE = new EventBus();

        /** The leak: registered listeners, never removed. */
        final List<Listener> listeners = new CopyOnWriteArrayList<>();

        void register(Listener l) {
            listeners.add(l);
        }

        void unregister(Listener l) {
            listeners.remove(l);
        }

        void publish(Event e) {
            for (Listener l : listeners) {
                l.onEvent(e);
            }
        }
    }

    /** Per-request state a listener needs. */
    static final class RequestState {
        final String requestId;
        final Map<String, String> settings = new HashMap<>();
        final byte[] responseBuffer = new byte[8192];
        int configVersion;

        RequestState(int n) {
            this.requestId = "req-" + n;
            settings.put("timeout", "30s");
        }

        void onConfigChanged(Event e) {
            configVersion++;
            settings.put(e.topic(), e.payload());
        }
    }

    /** Handles one request. */
    static final class RequestHandler {
        final RequestState state;
        int auditedEvents;

        RequestHandler(int n) {
            this.state = new RequestState(n);
        }

        void handle(boolean audited) {
            // the mistake: registered per request, never unregistered
            EventBus.INSTANCE.register(e -> state.onConfigChanged(e));
            if (audited) {
                EventBus.INSTANCE.register(new Listener() {
                    @Override
                    public void onEvent(Event e) {
                        auditedEvents++;
                    }
                });
            }
            state.responseBuffer[0] = 1;
        }
    }

    private ListenerLeak() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            new RequestHandler(i).handle(i % 4 == 0);
            if (i % 1000 == 999) {
                EventBus.INSTANCE.publish(new Event("feature-x", "on"));
            }
        }
        SelfDump.check(EventBus.INSTANCE.listeners.size() == REQUESTS + AUDITED, "listeners not all registered");
        SelfDump.liveHeap(args[0]);
    }
}
