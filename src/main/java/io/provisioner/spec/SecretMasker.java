package io.provisioner.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces every known secret value in a text with {@link Secret#MASK}, longest first. */
public final class SecretMasker {
    private final List<String> values;

    public SecretMasker(Collection<String> secretValues) {
        List<String> v = new ArrayList<>();
        for (String s : secretValues) {
            if (s != null && !s.isEmpty() && !v.contains(s)) {
                v.add(s);
            }
        }
        v.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(v);
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, Secret.MASK);
        }
        return out;
    }

    public List<String> values() {
        return values;
    }
}
