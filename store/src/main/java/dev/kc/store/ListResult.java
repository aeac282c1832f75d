package dev.kc.store;

import java.util.List;

/**
 * The objects a list found, and the revision they are consistent with: a watch from {@code
 * revision} sees every later change.
 */
public record ListResult(List<Entry> entries, long revision) {}
