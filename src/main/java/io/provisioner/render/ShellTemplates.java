package io.provisioner.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import io.provisioner.shell.ShellQuote;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Mustache templates for shell-read files. {@code {{x}}} is shell-quoted instead of HTML-escaped, a
 * variable the view lacks is an error naming the template and line (mustache.java renders it empty by
 * default), and {@code {{{x}}}} writes a value the renderer has already made safe. Templates come from an
 * override directory when given and present there, else from the jar ({@code templates/} on the classpath).
 */
public final class ShellTemplates {
    private final Path overrideDir;
    private final DefaultMustacheFactory factory;

    private ShellTemplates(Path overrideDir) {
        this.overrideDir = overrideDir;
        this.factory = new DefaultMustacheFactory(new Resolver(overrideDir)) {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(ShellQuote.quote(value));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        factory.setObjectHandler(new StrictObjectHandler());
    }

    public static ShellTemplates defaults() {
        return new ShellTemplates(null);
    }

    /** Templates in {@code dir} replace the defaults of the same name. */
    public static ShellTemplates overriddenBy(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TemplateException("templates directory " + dir + " does not exist; check --templates");
        }
        return new ShellTemplates(dir);
    }

    public String render(String name, Object view) {
        try {
            Mustache template = factory.compile(name);
            StringWriter out = new StringWriter();
            template.execute(out, view).flush();
            return out.toString();
        } catch (MustacheException e) {
            throw new TemplateException(describe(name, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String describe(String name, MustacheException e) {
        String where = source(name);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MustacheException me && me.getContext() != null) {
                TemplateContext context = me.getContext();
                where = source(context.file()) + ":" + context.line();
                break;
            }
        }
        String why = e.getMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingVariable) {
                why = cause.getMessage();
            }
        }
        return where + ": " + why.replaceAll("\\s*@\\[.*?]", "") + "; fix the template";
    }

    private String source(String name) {
        if (overrideDir != null && Files.isRegularFile(overrideDir.resolve(name))) {
            return overrideDir.resolve(name).toString();
        }
        return "templates/" + name;
    }

    private static final class MissingVariable extends MustacheException {
        MissingVariable(String name) {
            super("no variable '" + name + "' in the view");
        }
    }

    private static final class StrictObjectHandler extends ReflectionObjectHandler {
        @Override
        public Wrapper find(String name, List<Object> scopes) {
            Wrapper wrapper = super.find(name, scopes);
            if (wrapper instanceof MissingWrapper) {
                throw new MissingVariable(name);
            }
            return wrapper;
        }
    }

    private static final class Resolver implements MustacheResolver {
        private final Path dir;

        Resolver(Path dir) {
            this.dir = dir;
        }

        @Override
        public Reader getReader(String name) {
            try {
                if (dir != null && Files.isRegularFile(dir.resolve(name))) {
                    return Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8);
                }
                InputStream in = ShellTemplates.class.getClassLoader().getResourceAsStream("templates/" + name);
                return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
