package io.docqa.testing;

import java.util.ArrayList;
import java.util.List;

/** Parses a server-sent event stream (as received over HTTP) into named events. */
public final class SseEvents {

    public record Event(String name, String data) {
    }

    private SseEvents() {
    }

    public static List<Event> parse(String body) {
        List<Event> out = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
            if (!data.isEmpty()) {
                out.add(new Event(name, data.toString()));
            }
        }
        return out;
    }
}
