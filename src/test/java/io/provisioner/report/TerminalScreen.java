package io.provisioner.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows after receiving some output: a grid of lines with a cursor that honours \r, \n,
 * and the escape sequences a live display uses (ESC[nA cursor up, ESC[J erase below, ESC[K and ESC[2K
 * erase in line). Lines are not wrapped: a test can check widths itself.
 */
final class TerminalScreen {
    private final List<StringBuilder> lines = new ArrayList<>();
    private int row;
    private int column;

    static TerminalScreen of(String output) {
        TerminalScreen screen = new TerminalScreen();
        screen.feed(output);
        return screen;
    }

    void feed(String output) {
        for (int at = 0; at < output.length(); at++) {
            char ch = output.charAt(at);
            if (ch == '\033' && at + 1 < output.length() && output.charAt(at + 1) == '[') {
                int end = at + 2;
                while (end < output.length() && !Character.isLetter(output.charAt(end))) {
                    end++;
                }
                String argument = output.substring(at + 2, end);
                escape(output.charAt(end), argument.isEmpty() ? -1 : Integer.parseInt(argument));
                at = end;
            } else if (ch == '\r') {
                column = 0;
            } else if (ch == '\n') {
                row++;
                column = 0;
            } else {
                StringBuilder line = line(row);
                while (line.length() < column) {
                    line.append(' ');
                }
                if (column < line.length()) {
                    line.setCharAt(column, ch);
                } else {
                    line.append(ch);
                }
                column++;
            }
        }
    }

    private void escape(char command, int argument) {
        switch (command) {
            case 'A' -> row = Math.max(0, row - Math.max(1, argument));
            case 'J' -> {
                StringBuilder line = line(row);
                line.setLength(Math.min(line.length(), column));
                while (lines.size() > row + 1) {
                    lines.remove(lines.size() - 1);
                }
            }
            case 'K' -> {
                StringBuilder line = line(row);
                if (argument == 2) {
                    line.setLength(0);
                } else {
                    line.setLength(Math.min(line.length(), column));
                }
            }
            default -> throw new IllegalArgumentException("unexpected escape sequence ESC[" + argument + command);
        }
    }

    private StringBuilder line(int index) {
        while (lines.size() <= index) {
            lines.add(new StringBuilder());
        }
        return lines.get(index);
    }

    /** The lines on screen, trailing blanks of each and empty lines at the end dropped. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (StringBuilder line : lines) {
            out.add(line.toString().stripTrailing());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
