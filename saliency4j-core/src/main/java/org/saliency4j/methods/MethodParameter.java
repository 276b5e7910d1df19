package org.saliency4j.methods;

/** A parameter a method declares, with its default (as text) and what it does. */
public record MethodParameter(String name, String defaultValue, String description) {
}
