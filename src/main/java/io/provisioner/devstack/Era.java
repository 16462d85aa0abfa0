package io.provisioner.devstack;

/**
 * The two DevStack generations the provisioner knows: the 2016 tree (screen, git://, Keystone on :5000/v2.0,
 * nova-network by default) and the current tree (systemd units, https://opendev.org, Apache paths).
 */
public enum Era {
    LEGACY_2016,
    CURRENT
}
