package io.provisioner.cli;

import io.provisioner.spec.Durations;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration options: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or parts in a row ({@code 1m30s}); a bare number is seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("[0-9]+(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            Duration one = Durations.parse(part.group());
            if (one == null) {
                break;
            }
            total = total.plus(one);
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 5s, 2m, 1m30s");
        }
        return total;
    }
}
