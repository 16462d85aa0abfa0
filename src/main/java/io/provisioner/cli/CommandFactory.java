package io.provisioner.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Makes the objects picocli asks for (commands, mixins, converters, the version provider) with their no-argument
 * constructor, as picocli's own factory does, but without that factory's start-up: its static initialiser
 * looks up Groovy's {@code Closure} class, a failed class-path search on every start of every command.
 * Interfaces and abstract types (a collection-typed option left null) still go to picocli's factory.
 */
final class CommandFactory implements CommandLine.IFactory {
    static final CommandFactory INSTANCE = new CommandFactory();

    private CommandFactory() {
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return CommandLine.defaultFactory().create(type);
        }
        Constructor<K> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }
}
