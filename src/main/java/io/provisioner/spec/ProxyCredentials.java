package io.provisioner.spec;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The user-info parts ({@code user:password}) of proxy URLs: they are secrets too. */
final class ProxyCredentials {
    private ProxyCredentials() {
    }

    static List<String> of(ProxySettings proxy) {
        List<String> out = new ArrayList<>();
        for (String url : new String[] {proxy.http(), proxy.https()}) {
            if (url == null) {
                continue;
            }
            try {
                String info = URI.create(url).getRawUserInfo();
                if (info != null && !info.isEmpty()) {
                    out.add(info);
                    int colon = info.indexOf(':');
                    if (colon >= 0 && colon + 1 < info.length()) {
                        out.add(info.substring(colon + 1));
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // validation reports malformed URLs; nothing to mask here
            }
        }
        return out;
    }
}
