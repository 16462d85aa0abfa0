package io.provisioner.service;

import java.util.ArrayList;
import java.util.List;

/** One Server-Sent Event as a client reads it (comments and the retry line skipped). */
public record SseEvent(long id, String event, String data) {
    public static List<SseEvent> parse(String stream) {
        List<SseEvent> out = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            Long id = null;
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (id != null) {
                out.add(new SseEvent(id, event, data.toString()));
            }
        }
        return out;
    }
}
