package io.docqa.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Application shell: Lumo theme and DocQA's own small stylesheet (a static resource, no frontend build); server
 * push so that an answer's tokens appear as the model writes them.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/docqa.css")
public class AppShell implements AppShellConfigurator {
}
