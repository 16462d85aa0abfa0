package io.provisioner.remote;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Translates JSch's exceptions into {@link RemoteException}s with a remedy. JSch wraps the real cause
 * (a refused connection is {@code JSchException("java.net.ConnectException: ...")}), so the cause chain
 * is classified, never the message alone.
 */
final class JschFailures {
    private JschFailures() {
    }

    /** How OpenSSH writes this host in known_hosts: bare on port 22, else [host]:port. */
    static String knownHostsName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    static RemoteException connectFailure(ResolvedTarget target, JSchException e, String fingerprint) {
        String who = target.name() + " (" + target.user() + "@" + target.host() + ":" + target.port() + ")";
        String khName = knownHostsName(target.host(), target.port());
        if (e instanceof JSchChangedHostKeyException) {
            return new RemoteException(RemoteFailure.HOST_KEY_CHANGED, target.name(),
                    "host key of " + who + " has CHANGED since it was recorded in " + target.knownHosts()
                            + (fingerprint == null ? "" : " (now offered: " + fingerprint + ")")
                            + "; someone may be intercepting the connection. If the host was reinstalled, remove the old key with: "
                            + "ssh-keygen -f " + target.knownHosts() + " -R '" + khName + "'", null);
        }
        if (e instanceof JSchUnknownHostKeyException) {
            return new RemoteException(RemoteFailure.HOST_KEY_UNKNOWN, target.name(),
                    "host key of " + who + " is not in " + target.knownHosts()
                            + (fingerprint == null ? "" : " (offered: " + fingerprint + ")")
                            + " and host_keys is strict; check the fingerprint, then record it with: ssh-keyscan -H -p "
                            + target.port() + " " + target.host() + " >> " + target.knownHosts()
                            + " (or set host_keys: accept-new)", null);
        }
        if (e instanceof JSchHostKeyException) {
            return new RemoteException(RemoteFailure.HOST_KEY_UNKNOWN, target.name(),
                    "host key of " + who + " refused: " + e.getMessage(), null);
        }
        String msg = String.valueOf(e.getMessage());
        String type = e.getClass().getSimpleName();
        if (type.equals("JSchAuthCancelException") || type.equals("JSchPartialAuthException")
                || msg.startsWith("Auth fail") || msg.startsWith("Auth cancel") || msg.contains("USERAUTH fail")) {
            if (target.identities().isEmpty() && target.agentSocket() == null) {
                return new RemoteException(RemoteFailure.AUTHENTICATION, target.name(),
                        "no SSH key to offer " + who + ": none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa is readable here and"
                                + " no ssh-agent is running (SSH_AUTH_SOCK); create a key (ssh-keygen -t ed25519), install it"
                                + " on the host (ssh-copy-id -p " + target.port() + " " + target.user() + "@" + target.host()
                                + "), or set ssh.identity in the spec", null);
            }
            return new RemoteException(RemoteFailure.AUTHENTICATION, target.name(),
                    who + " refused our key(s) " + target.identitiesForMessage()
                            + ": check that the public key is in ~" + target.user() + "/.ssh/authorized_keys on the host"
                            + " and that the key's passphrase is right", null);
        }
        if (msg.startsWith("invalid privatekey") || msg.contains("decrypt") || msg.contains("passphrase")) {
            return new RemoteException(RemoteFailure.AUTHENTICATION, target.name(),
                    "cannot use identity " + target.identitiesForMessage() + " for " + who
                            + ": unreadable key, unsupported format or wrong passphrase", null);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return new RemoteException(RemoteFailure.UNREACHABLE, target.name(),
                    "cannot resolve " + target.host() + " for " + target.name(), null);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException || msg.contains("timeout: socket is not established")
                || msg.contains("timeout in waiting")) {
            return new RemoteException(RemoteFailure.UNREACHABLE, target.name(),
                    "cannot reach " + who + ": " + describe(cause, msg), null);
        }
        if (cause instanceof SocketException || cause instanceof IOException
                || msg.contains("closed by foreign host") || msg.contains("session is down")
                || msg.contains("End of IO Stream")) {
            return new RemoteException(RemoteFailure.DISCONNECTED, target.name(),
                    who + " closed the connection during the handshake: " + describe(cause, msg), null);
        }
        return new RemoteException(RemoteFailure.IO, target.name(), "SSH to " + who + " failed: " + msg, null);
    }

    private static String describe(Throwable cause, String msg) {
        return cause != null && cause.getMessage() != null ? cause.getMessage() : msg;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return null;
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
