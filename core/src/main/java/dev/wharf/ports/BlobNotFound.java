package dev.wharf.ports;

import dev.wharf.domain.Sha256;
import java.io.IOException;

/** The metadata names a blob the store does not have. */
public class BlobNotFound extends IOException {
    public BlobNotFound(Sha256 sha256) {
        super("blob " + sha256 + " is not in the store");
    }
}
