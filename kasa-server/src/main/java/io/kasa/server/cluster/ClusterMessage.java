package io.kasa.server.cluster;

import java.util.List;
import java.util.UUID;

/**
 * A message from another node: who sent it, what kind it is and its arguments (ids).
 * Messages are nudges, not data: the receiver reads the truth from the database.
 */
public record ClusterMessage(String from, String kind, List<String> args) {

    public ClusterMessage {
        args = List.copyOf(args);
    }

    public String arg(int index) {
        return args.get(index);
    }

    public UUID id(int index) {
        return UUID.fromString(args.get(index));
    }
}
