package dev.wharf.events;

/** Where an event landed: its partition and offset in the events topic. */
public record LogPosition(int partition, long offset) {}
