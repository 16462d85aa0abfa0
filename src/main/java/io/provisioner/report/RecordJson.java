package io.provisioner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code --format json} for commands whose result is one record (plan, fixup): the record as indented JSON. */
public final class RecordJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordJson() {
    }

    public static String of(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + result.getClass().getSimpleName() + " did not serialise: "
                    + e.getOriginalMessage(), e);
        }
    }
}
