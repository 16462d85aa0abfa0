package io.provisioner.devstack;

/** A place in DevStack's code: {@code lib/databases/mysql}, {@code configure_database_mysql}, line 91. */
public record Step(String file, String function, int line) {
    @Override
    public String toString() {
        return file + ":" + function + ":" + line;
    }
}
