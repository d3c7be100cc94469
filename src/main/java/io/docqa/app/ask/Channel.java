package io.docqa.app.ask;

/** Through which adapter a question came; the audit entry of a question asked in the UI says so ("via": "ui"). */
public enum Channel {
    API, UI
}
