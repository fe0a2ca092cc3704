package dev.wharf.bench.anchors;

/**
 * One version as both registries receive it: the Wharf name and its npm twin, the description
 * and the WebAssembly bytes (Wharf's artifact, the payload of the npm tarball).
 */
record Release(String name, String npmName, String version, String description, byte[] wasm) {}
