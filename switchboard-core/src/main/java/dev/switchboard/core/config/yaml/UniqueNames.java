package dev.switchboard.core.config.yaml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reports list entries whose {@code name} repeats an earlier entry's. */
final class UniqueNames {

    private UniqueNames() {}

    static void check(List<ConfigNode> items, String noun) {
        Map<String, String> firstPathByName = new HashMap<>();
        for (ConfigNode item : items) {
            String name = item.peekText("name");
            if (name == null) {
                continue; // a missing or mistyped name is reported by the entry's own reader
            }
            String first = firstPathByName.putIfAbsent(name, item.path());
            if (first != null) {
                item.error("name", "duplicate " + noun + " name `" + name + "`",
                        noun + " names must be unique; it is first defined at " + first);
            }
        }
    }
}
