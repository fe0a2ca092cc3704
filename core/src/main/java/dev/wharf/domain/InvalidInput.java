package dev.wharf.domain;

/** Input a client sent that breaks a registry rule; the message says which and how to fix it. */
public final class InvalidInput extends Refusal {
    public InvalidInput(String message) {
        super(message);
    }
}
