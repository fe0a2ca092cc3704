package dev.wharf.replica;

import java.util.Map;

/**
 * The manifest of the latest search snapshot, stored as JSON under {@link SearchSnapshots#MANIFEST}:
 * which index layout the snapshot holds, the log offsets it covers (next offset to read per
 * partition), and how to check the archive's bytes before trusting them.
 *
 * @param layout   {@link SearchReplica#layout()} of the index inside; another build's node ignores it
 * @param offsets  next offset per partition the index includes; a node bootstrapped from it resumes there
 * @param records  the sum of {@code offsets}: log records the snapshot spares a new node
 * @param size     bytes of the archive
 * @param sha256   hex SHA-256 of the archive
 * @param created  ISO-8601 instant of the commit it copies
 * @param object   the archive's name in the snapshot store
 * @param previous the snapshot before it, kept as a fallback until the next one replaces it (null at first)
 * @param node     the node that published it
 */
public record SearchSnapshot(String layout, Map<Integer, Long> offsets, long records, long size, String sha256,
                             String created, String object, String previous, String node) {}
