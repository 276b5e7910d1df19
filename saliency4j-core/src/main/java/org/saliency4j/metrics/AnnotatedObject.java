package org.saliency4j.metrics;

import java.util.Set;

/** One annotated object: its box in the stored image's pixels and the classes that should point into it. */
public record AnnotatedObject(String name, Box box, Set<Integer> classes) {}
