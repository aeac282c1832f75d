/**
 * Patching of Kubernetes objects as JSON trees: {@link dev.kc.api.patch.JsonMergePatch} (RFC 7386),
 * {@link dev.kc.api.patch.StrategicMergePatch} (apply, and the two-way and three-way patch creation
 * kubectl performs), and {@link dev.kc.api.patch.PatchMeta}, our own table of which lists merge by
 * which key.
 *
 * <p>Everything here is a pure function over Jackson trees; malformed patches raise {@link
 * dev.kc.api.patch.PatchException}.
 */
package dev.kc.api.patch;
