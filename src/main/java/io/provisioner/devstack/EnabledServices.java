package io.provisioner.devstack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The services a run enables: the era's default {@code ENABLED_SERVICES} (reference §1.3), then the
 * spec's {@code enable_service} and {@code disable_service} with DevStack's semantics (disable removes
 * exactly that name; enable appends once).
 */
public final class EnabledServices {
    static final String CURRENT = "key,n-api,n-cpu,n-cond,n-sch,n-novnc,n-api-meta,placement-api,placement-client,"
            + "g-api,c-sch,c-api,c-vol,ovn-controller,ovn-northd,ovs-vswitchd,ovsdb-server,q-svc,q-ovn-agent,horizon,"
            + "rabbit,tempest,mysql,etcd3,dstat";
    static final String LEGACY_2016 = "key,n-api,n-cpu,n-net,n-cond,n-sch,n-novnc,n-cauth,g-api,g-reg,c-sch,c-api,"
            + "c-vol,horizon,rabbit,tempest,mysql,dstat";

    private EnabledServices() {
    }

    public static List<String> of(Era era, Collection<String> enable, Collection<String> disable) {
        List<String> out = new ArrayList<>(Arrays.asList((era == Era.LEGACY_2016 ? LEGACY_2016 : CURRENT).split(",")));
        for (String e : enable) {
            if (!out.contains(e) && !disable.contains(e)) {
                out.add(e);
            }
        }
        out.removeAll(disable);
        return out;
    }
}
