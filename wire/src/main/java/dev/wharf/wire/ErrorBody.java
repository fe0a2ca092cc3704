package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every error answer: {@code {"error": "conflict", "message": "alice:calc@1.0.0 already exists"}}.
 * An unexpected failure (500) adds {@code error_id}, the id of the log line with its stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(@JsonProperty("error") String error, @JsonProperty("message") String message,
                        @JsonProperty("error_id") String errorId) {

    public ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
