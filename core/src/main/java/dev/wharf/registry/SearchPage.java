package dev.wharf.registry;

import java.util.List;

/** A page of hits and the number of packages that match in all. */
public record SearchPage(long total, List<SearchHit> hits) {}
