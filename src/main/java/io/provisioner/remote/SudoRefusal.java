package io.provisioner.remote;

/** Recognises sudo -n refusing to run without a password, and says how to fix it. */
final class SudoRefusal {
    private SudoRefusal() {
    }

    static void check(String host, String user, RemoteCommand command, CommandResult result) throws RemoteException {
        if (command.sudo() && result.exitStatus() == 1 && result.stderr().contains("a password is required")) {
            String who = user == null ? "the login user" : user;
            throw new RemoteException(RemoteFailure.SUDO_NEEDS_PASSWORD, host,
                    host + ": sudo asks " + who + " for a password, and the provisioner never types one. Give " + who
                            + " passwordless sudo (e.g. '" + who + " ALL=(ALL) NOPASSWD:ALL' in /etc/sudoers.d/"
                            + who + ") or log in as root");
        }
    }
}
