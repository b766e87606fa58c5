package io.clarion.core.template;

import static java.util.Objects.requireNonNull;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One part of a message template (an email subject, an SMS text, ...) in logic-less {@code {{mustache}}}, compiled
 * once with jmustache and rendered over plain maps.
 * <p>
 * Guarantees: rendering is strict (a name the context does not hold throws {@link TemplateException}, it never
 * renders as empty); an HTML part escapes every variable, a text part does not; a template cannot reach a Java
 * method or field: the collector resolves names in {@link Map}s only (jmustache's default collector would call
 * getters and methods reflectively, e.g. {@code {{update.body.bytes}}}); partials are refused (no loader).
 * Immutable and thread-safe.
 */
public final class MessageTemplate {
    private static final Mustache.Collector MAPS_ONLY = new BasicCollector() {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Mustache.Compiler TEXT = Mustache.compiler().withCollector(MAPS_ONLY).escapeHTML(false)
            .strictSections(true);
    /** The five characters that matter in HTML text and attribute values (jmustache's default also escapes {@code =}). */
    private static final Mustache.Compiler HTML = TEXT.escapeHTML(true).withEscaper(Escapers.simple(
            new String[] {"&", "&amp;"}, new String[] {"<", "&lt;"}, new String[] {">", "&gt;"},
            new String[] {"\"", "&quot;"}, new String[] {"'", "&#39;"}));

    private final Template template;
    private final Set<String> names;

    private MessageTemplate(Template template) {
        this.template = template;
        this.names = Collections.unmodifiableSet(namesOf(template));
    }

    /** Compiles {@code source}; {@code html} parts escape variables. Throws {@link TemplateException} when invalid. */
    public static MessageTemplate compile(String source, boolean html) {
        requireNonNull(source, "source");
        try {
            return new MessageTemplate((html ? HTML : TEXT).compile(source));
        } catch (MustacheException e) {
            throw new TemplateException(e.getMessage(), e);
        }
    }

    /** Every name the template uses, as variables or sections (e.g. {@code incident.title}, {@code variables.eta}). */
    public Set<String> names() {
        return names;
    }

    /** The template over {@code context} (nested maps of strings); a name missing from it throws. */
    public String render(Map<String, ?> context) {
        try {
            return template.execute(context);
        } catch (MustacheException e) {
            throw new TemplateException(e.getMessage(), e);
        }
    }

    private static Set<String> namesOf(Template template) {
        Set<String> names = new TreeSet<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                names.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                throw new TemplateException("partials are not supported: {{> " + name + "}}", null);
            }

            @Override
            public boolean visitSection(String name) {
                names.add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                names.add(name);
                return true;
            }
        });
        return names;
    }
}
