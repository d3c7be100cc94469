package io.docqa.review.cell;

import java.util.Arrays;
import java.util.Optional;

/** What a review column expects as the answer of each cell; {@link #wire()} is the name used in the REST API. */
public enum AnswerType {
    TEXT("text"), YES_NO("yes/no"), DATE("date"), DURATION("duration"), MONEY("money"), NUMBER("number"),
    PARTY_LIST("party list"), CLAUSE("clause");

    private final String wire;

    AnswerType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The type named {@code name} as the API spells it (case-insensitive), empty when there is none. */
    public static Optional<AnswerType> fromWire(String name) {
        return name == null ? Optional.empty()
                : Arrays.stream(values()).filter(t -> t.wire.equalsIgnoreCase(name.strip())).findFirst();
    }
}
