package io.provisioner.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar's manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"provisioner " + (version == null ? "dev" : version)};
    }
}
