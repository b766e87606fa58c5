package io.clarion.deploy.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Dockerfile's instructions in order (continuation lines joined, comments dropped); enough to check, not to build. */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String joined = current.toString().trim();
                int space = joined.indexOf(' ');
                instructions.add(new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT),
                        joined.substring(space + 1).trim()));
                current.setLength(0);
            }
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The instructions of the last stage: what the image runs with. */
    Dockerfile finalStage() {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return new Dockerfile(instructions.subList(lastFrom, instructions.size()));
    }
}
