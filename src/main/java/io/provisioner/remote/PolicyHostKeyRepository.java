package io.provisioner.remote;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * JSch's known_hosts reader (plain and hashed lines) with our policy on top. JSch runs with
 * StrictHostKeyChecking=yes and so throws its typed unknown/changed exceptions for whatever this class
 * does not vouch for; accept-new records an unknown key itself, atomically, and JSch's own writer is off.
 */
final class PolicyHostKeyRepository implements HostKeyRepository {
    private final HostKeyRepository known;
    private final Path file;
    private final HostKeyCheck check;

    PolicyHostKeyRepository(HostKeyRepository known, Path file, HostKeyCheck check) {
        this.known = known;
        this.file = file;
        this.check = check;
    }

    @Override
    public int check(String host, byte[] key) {
        int verdict = known.check(host, key);
        if (verdict == OK || check == HostKeyCheck.INSECURE) {
            return OK;
        }
        if (verdict == NOT_INCLUDED && check == HostKeyCheck.ACCEPT_NEW) {
            try {
                HostKey hk = new HostKey(host, key);
                KnownHostsRecorder.append(file, host + " " + hk.getType() + " " + hk.getKey());
                return OK;
            } catch (JSchException e) {
                return NOT_INCLUDED;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the host key of " + host + " in " + file, e);
            }
        }
        return verdict;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // recording is done in check(), under our lock; never by JSch
    }

    @Override
    public void remove(String host, String type) {
    }

    @Override
    public void remove(String host, String type, byte[] key) {
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }
}
