package io.provisioner.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets by where they stand, not by substring, so that a short or common password (DevStack's own
 * docs use {@code stack} and {@code devstack}) does not mangle paths, host names, users and ordinary words.
 * <ul>
 * <li>Where a secret is put: after a password-like key ({@code ADMIN_PASSWORD=}, {@code password: },
 * {@code --os-password }, {@code PASSWORD('}, {@code identified by '}), as mysql's {@code -pVALUE}, as the
 * second argument of {@code rabbitmqctl change_password/add_user}, and as the password of any URL
 * ({@code scheme://user:PASS@}, whatever its value) - the secret is masked even when it is a common word.</li>
 * <li>Anywhere else, a secret is masked as a whole token (delimited by blanks, quotes, {@code = : , ; @ ( )}
 * and the like; {@code / . -} belong to the token, so paths and file names stay whole), unless the token is
 * one of the spec's names (a host name, address or user) or a {@link CommonWords common word}.</li>
 * <li>A distinctive secret (8 characters or more, or one with characters no word has, and no name or common
 * word contains it) is masked wherever it occurs, even inside another token.</li>
 * </ul>
 */
public final class SecretMasker {
    private static final String VALUE = "(?<value>[^\\s'\"`),;\\\\]+)";
    /** An opening quote, also as bash's xtrace writes one inside single quotes ({@code '\''}). */
    private static final String QUOTE = "(?:'\\\\''|\\\\?['\"])?";
    /** Where a value is put: a password-like key, then =, :, ( or blanks, then an optional quote. */
    private static final List<Put> PUT = List.of(
            new Put(Pattern.compile("(?i)\\b[A-Za-z0-9_]*(?:password|passwd|passphrase|secret|token|_pass|_pw)"
                    + "(?:[ \\t]*[=:(][ \\t]*|[ \\t]+)" + QUOTE + VALUE), "pass", "secret", "token", "_pw"),
            new Put(Pattern.compile("(?i)\\bidentified[ \\t]+(?:by|with[ \\t]+[^\\s]+[ \\t]+(?:by|using))[ \\t]+"
                    + "(?:password[ \\t]*\\(?[ \\t]*)?" + QUOTE + VALUE), "identified"),
            new Put(Pattern.compile("(?i)\\b(?:change_password|add_user)[ \\t]+[^\\s]+[ \\t]+" + QUOTE + VALUE),
                    "change_password", "add_user"),
            new Put(Pattern.compile("(?<![\\w-])-p" + QUOTE + VALUE), "-p"));

    private static final Pattern URL_PASSWORD =
            Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@'\"]*:(?<value>[^\\s@/'\"]+)@");
    private static final String DELIMITERS = "'\"`=:,;@()[]{}<>|&!?\\";

    /** A pattern, and the (lower-case) words without which it cannot match: a cheap test first. */
    private record Put(Pattern pattern, List<String> triggers) {
        Put(Pattern pattern, String... triggers) {
            this(pattern, List.of(triggers));
        }

        boolean mayMatch(String lowerCase) {
            return triggers.stream().anyMatch(lowerCase::contains);
        }
    }

    private final List<String> values;
    private final Set<String> exact;
    private final List<String> anywhere;
    private final Set<String> asToken;
    private final Set<Integer> tokenLengths;
    private final Set<String> names;

    /** A masker that knows no names: only common words are left standing. */
    public SecretMasker(Collection<String> secretValues) {
        this(secretValues, List.of());
    }

    /**
     * @param secretValues the secrets
     * @param names        words that must never be rewritten (host names, addresses, users)
     */
    public SecretMasker(Collection<String> secretValues, Collection<String> names) {
        List<String> all = new ArrayList<>();
        for (String value : secretValues) {
            if (value != null && !value.isEmpty() && !all.contains(value)) {
                all.add(value);
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(all);
        this.exact = Set.copyOf(all);
        Set<String> nameSet = new HashSet<>();
        for (String name : names) {
            if (name != null && !name.isEmpty()) {
                nameSet.add(name.toLowerCase(Locale.ROOT));
            }
        }
        this.names = Set.copyOf(nameSet);
        List<String> distinctive = new ArrayList<>();
        Set<String> token = new HashSet<>();
        for (String value : all) {
            if (isDistinctive(value, nameSet)) {
                distinctive.add(value);
            } else if (!isName(value)) {
                token.add(value);
            }
        }
        this.anywhere = List.copyOf(distinctive);
        this.asToken = Set.copyOf(token);
        this.tokenLengths = token.stream().map(String::length).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Every secret of every host (passwords, key passphrases, proxy credentials); names are left standing. */
    public static SecretMasker of(Spec spec) {
        List<String> secrets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Host host : spec.hosts()) {
            // a withheld secret has no value here to mask, nor one this command could print
            host.passwords().all().stream().filter(secret -> !secret.isWithheld())
                    .forEach(secret -> secrets.add(secret.reveal()));
            if (host.ssh().passphrase() != null && !host.ssh().passphrase().isWithheld()) {
                secrets.add(host.ssh().passphrase().reveal());
            }
            secrets.addAll(ProxyCredentials.of(host.proxy()));
            names.add(host.name());
            names.add(host.address());
            names.add(host.hostIp());
            names.add(host.ssh().user());
        }
        return new SecretMasker(secrets, names);
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    public String mask(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        boolean any = text.contains("://");
        for (String value : values) {
            any |= text.contains(value);
        }
        if (!any) {
            return text;
        }
        String out = text;
        for (String value : anywhere) {
            out = out.replace(value, Secret.MASK);
        }
        String lowerCase = out.toLowerCase(Locale.ROOT);
        for (Put put : PUT) {
            if (put.mayMatch(lowerCase)) {
                out = maskValues(out, put.pattern(), false);
            }
        }
        out = maskValues(out, URL_PASSWORD, true);
        return asToken.isEmpty() ? out : maskTokens(out);
    }

    public List<String> values() {
        return values;
    }

    private String maskValues(String text, Pattern pattern, boolean always) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        // the next search starts at this value: in "keystone_authtoken password pw" the value of the key
        // "keystone_authtoken" is the next key
        while (from < text.length() && matcher.find(from)) {
            String value = matcher.group("value");
            from = matcher.start("value");
            if (value.equals(Secret.MASK) || !(always || exact.contains(value))) {
                continue;
            }
            from = matcher.end("value");
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start("value")).append(Secret.MASK);
            copied = matcher.end("value");
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private String maskTokens(String text) {
        StringBuilder out = null;
        int copied = 0;
        int start = -1;
        for (int at = 0; at <= text.length(); at++) {
            boolean boundary = at == text.length() || isDelimiter(text.charAt(at));
            if (!boundary && start < 0) {
                start = at;
            } else if (boundary && start >= 0) {
                int end = maskedEnd(text, start, at);
                if (end > start) {
                    if (out == null) {
                        out = new StringBuilder(text.length());
                    }
                    out.append(text, copied, start).append(Secret.MASK);
                    copied = end;
                }
                start = -1;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * Where the secret in the token text[start, end) ends, or -1: the whole token, or the token without the
     * full stops of a sentence's end ("cannot log in as pw7.").
     */
    private int maskedEnd(String text, int start, int end) {
        int trimmed = end;
        while (trimmed > start && text.charAt(trimmed - 1) == '.') {
            trimmed--;
        }
        for (int candidate : new int[] {end, trimmed}) {
            if (tokenLengths.contains(candidate - start) && asToken.contains(text.substring(start, candidate))) {
                return candidate;
            }
        }
        return -1;
    }

    private boolean isName(String word) {
        return names.contains(word.toLowerCase(Locale.ROOT)) || CommonWords.contains(word);
    }

    private static boolean isDelimiter(char ch) {
        return Character.isWhitespace(ch) || Character.isISOControl(ch) || DELIMITERS.indexOf(ch) >= 0;
    }

    /** Long or unusual enough that an occurrence inside another word is the secret, not a coincidence. */
    private static boolean isDistinctive(String value, Set<String> names) {
        if (CommonWords.contains(value)) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String name : names) {
            if (name.contains(lower)) {
                return false;
            }
        }
        if (value.length() >= 8) {
            return true;
        }
        for (char ch : value.toCharArray()) {
            if (!Character.isLetterOrDigit(ch) && "-_./".indexOf(ch) < 0) {
                return true;
            }
        }
        return false;
    }
}
