package dev.wharf.domain;

/** Input a client sent that breaks a registry rule; always becomes a 400 with this message. */
public class InvalidInput extends RuntimeException {
    public InvalidInput(String message) {
        super(message);
    }
}
