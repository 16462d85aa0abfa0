package io.provisioner.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into its addresses, in the order they should be tried. The JDK's resolver (which honours
 * {@code /etc/hosts}, {@code nsswitch} and {@code -Djdk.net.hosts.file}) unless a test substitutes its own.
 * It may block: the probe calls it on a lookup thread under the probe's deadline.
 */
@FunctionalInterface
interface NameResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    static NameResolver jdk() {
        return InetAddress::getAllByName;
    }
}
