package io.provisioner.remote;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Opens one authenticated JSch session to a resolved target, through a bastion session when given. */
final class SessionOpener {

    private SessionOpener() {
    }

    static Session open(SshTarget target, ResolvedTarget rt, Session bastion, TransportThreads threads)
            throws RemoteException {
        JSch jsch = new JSch();
        Session session = null;
        try {
            byte[] passphrase = target.passphrase() == null ? null
                    : target.passphrase().getBytes(StandardCharsets.UTF_8);
            for (String id : rt.identities()) {
                jsch.addIdentity(id, passphrase);
            }
            session = jsch.getSession(rt.user(), rt.host(), rt.port());
            CurveImplementations.choose();
            KexAvailability.applyTo(session);
            if (rt.agentSocket() != null) {
                try {
                    AgentIdentityRepository agent = new AgentIdentityRepository(
                            new SSHAgentConnector(Path.of(rt.agentSocket())));
                    session.setIdentityRepository(new AgentAndFileIdentities(agent, jsch.getIdentityRepository()));
                } catch (AgentProxyException e) {
                    // no usable agent: key files only
                }
            }
            session.setHostKeyRepository(new PolicyHostKeyRepository(ParsedKnownHosts.of(Path.of(rt.knownHosts())),
                    Path.of(rt.knownHosts()), target.hostKeyCheck()));
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setConfig("MaxAuthTries", "6");
            session.setServerAliveInterval((int) target.keepAlive().toMillis());
            session.setServerAliveCountMax(3);
            session.setDaemonThread(true);
            session.setThreadFactory(threads);
            if (bastion != null) {
                session.setProxy(new JumpProxy(bastion));
            }
            session.connect((int) target.connectTimeout().toMillis());
            return session;
        } catch (JSchException e) {
            String fingerprint = null;
            if (session != null) {
                HostKey offered = session.getHostKey();
                fingerprint = offered == null ? null : offered.getType() + " " + offered.getFingerPrint(jsch);
                session.disconnect();
            }
            RemoteException re = JschFailures.connectFailure(rt, e, fingerprint);
            throw re;
        } catch (UncheckedIOException e) {
            if (session != null) {
                session.disconnect();
            }
            throw new RemoteException(RemoteFailure.IO, target.name(), e.getMessage());
        }
    }
}
