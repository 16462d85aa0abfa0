package io.provisioner.spec;

import java.util.List;

/** Services to {@code enable_service} and {@code disable_service}. */
public record Services(List<String> enable, List<String> disable) {
}
