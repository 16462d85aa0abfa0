package io.provisioner.remote;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;

import java.util.Vector;

/** Offers the agent's keys first, then the key files, like OpenSSH. Adding or removing touches only files. */
final class AgentAndFileIdentities implements IdentityRepository {
    private final IdentityRepository agent;
    private final IdentityRepository files;

    AgentAndFileIdentities(IdentityRepository agent, IdentityRepository files) {
        this.agent = agent;
        this.files = files;
    }

    @Override
    public String getName() {
        return "agent+files";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> all = new Vector<>();
        try {
            all.addAll(agent.getIdentities());
        } catch (RuntimeException e) {
            // agent went away: the files still work
        }
        all.addAll(files.getIdentities());
        return all;
    }

    @Override
    public boolean add(byte[] identity) {
        return files.add(identity);
    }

    @Override
    public boolean remove(byte[] blob) {
        return files.remove(blob);
    }

    @Override
    public void removeAll() {
        files.removeAll();
    }
}
