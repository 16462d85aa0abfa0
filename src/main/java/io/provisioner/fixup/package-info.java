/**
 * Fix-ups: one class per known DevStack failure, each {@code detect} (read-only) / {@code apply} (only what
 * detect found, every edited file backed up as {@code FILE.provisioner-bak.<UTC stamp>}, safe twice) /
 * {@code verify} (the symptom is gone). {@link io.provisioner.fixup.FixupCatalog} names them,
 * {@link io.provisioner.fixup.FixupRunner} runs one and masks every message.
 *
 * <p>Facts a diagnosis may pass (all optional; each fix-up detects alone without them):
 * <ul>
 * <li>{@code git-https}: {@code git_base} (the https base to use)</li>
 * <li>{@code no-proxy}: {@code host_ip} (the HOST_IP DevStack used), {@code probe_url} (fetched with the overlay's proxy settings)</li>
 * <li>{@code mysql-root-password}: {@code mysql_port} (3306), {@code mysql_host} (127.0.0.1), {@code mysql_socket}</li>
 * <li>{@code ovs-socket-permissions}: {@code ovs_group} (openvswitch), and the paths {@code systemd_dir}, {@code tmpfiles_dir} of the spec</li>
 * <li>{@code unstack}: {@code rerun=true}, {@code unstack_all=true} (-a), {@code screen_name} (stack)</li>
 * <li>{@code apt-sources}: {@code uri} (a failing URI; skips the fresh apt-get update)</li>
 * <li>{@code apt-lock}: {@code lock_paths} (comma-separated), {@code wait_seconds} (300)</li>
 * <li>{@code pip-distutils}: {@code package}, {@code python} (python3), {@code pip_args}, {@code strategy=remove-package}</li>
 * <li>{@code retry}: {@code git_timeout} (300), {@code attempt} (back-off 30 s x 2^(attempt-1), at most 5 min)</li>
 * </ul>
 */
package io.provisioner.fixup;
