package fr.cartesagents.ra.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Renders a message from its template: plain text (no HTML escaping), every variable required
 * (a missing one is an error, not an empty hole in a letter). Templates are compiled once, at
 * start-up, so that a broken template stops the start rather than a sending.
 */
@Component
class MailRenderer {

    private final Map<MailTemplate, Template> templates = new EnumMap<>(MailTemplate.class);

    MailRenderer() {
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).strictSections(true);
        for (MailTemplate template : MailTemplate.values()) {
            ClassPathResource resource = new ClassPathResource("mail/" + template.fileName() + ".mustache");
            try (InputStream in = resource.getInputStream()) {
                templates.put(template, compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the mail template " + resource.getPath(), e);
            }
        }
    }

    RenderedMail render(MailTemplate template, Map<String, String> model, Map<String, String> secrets) {
        Map<String, String> values = new HashMap<>(model);
        values.putAll(secrets);
        String text = templates.get(template).execute(values);
        int endOfSubject = text.indexOf('\n');
        return new RenderedMail(text.substring(0, endOfSubject).strip(), text.substring(endOfSubject + 1));
    }

    record RenderedMail(String subject, String body) {

        @Override
        public String toString() {
            return "RenderedMail[" + subject + "]";
        }
    }
}
