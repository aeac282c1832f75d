package dev.kc.controlplane.objects;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of a write.
 *
 * @param object the object as stored (or as it would be, for a dry run), in the request's version
 * @param created whether the write created the object (HTTP 201)
 * @param warnings texts for {@code Warning} response headers
 */
public record Result(ObjectNode object, boolean created, List<String> warnings) {}
