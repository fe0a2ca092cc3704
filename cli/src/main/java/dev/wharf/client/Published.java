package dev.wharf.client;

/**
 * The registry's answer to a publish: {@code pending} when it answered 202 (the publish is
 * durable and will be applied; {@code statusUrl} tells when).
 */
public record Published(String name, String version, boolean pending, String statusUrl) {}
