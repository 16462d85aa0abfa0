package io.provisioner.sandbox;

/** A real HTTP proxy on loopback that stands in for a spec's proxy during a sandbox run. */
interface HttpProxyStandIn extends AutoCloseable {
    /** {@code http://127.0.0.1:PORT}. */
    String url();

    /** What it is, for the line that says which address stands in for which ({@code tinyproxy}, ...). */
    String kind();

    @Override
    void close();
}
