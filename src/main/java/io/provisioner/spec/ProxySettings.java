package io.provisioner.spec;

import java.util.List;

/** The proxy the target must use; {@code http}/{@code https} may be null (no proxy). */
public record ProxySettings(String http, String https, List<String> noProxy) {
    public boolean isSet() {
        return (http != null && !http.isEmpty()) || (https != null && !https.isEmpty());
    }
}
