package io.provisioner.render;

/** A template could not be rendered: the message names the template, its line and what is missing. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message, null, false, false);
    }
}
