package io.clarion.deploy.docker;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The executable jar a module's build writes, read from its pom.xml: {@code target/<finalName>-<classifier>.jar},
 * where the classifier is the spring-boot-maven-plugin repackage execution's.
 */
record MavenArtifact(String finalName, String classifier, String mainClass) {

    static MavenArtifact executableJarOf(Path pom) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            Element build = only(document.getDocumentElement(), "build");
            Element plugin = springBootPlugin(build);
            Element configuration = only(only(only(plugin, "executions"), "execution"), "configuration");
            return new MavenArtifact(text(build, "finalName"), text(configuration, "classifier"), text(configuration, "mainClass"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the executable jar of " + pom, e);
        }
    }

    String path() {
        return "target/" + finalName + "-" + classifier + ".jar";
    }

    private static Element springBootPlugin(Element build) {
        NodeList plugins = only(build, "plugins").getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("spring-boot-maven-plugin".equals(text(plugin, "artifactId"))) {
                return plugin;
            }
        }
        throw new IllegalStateException("no spring-boot-maven-plugin in <build>");
    }

    private static Element only(Element parent, String tag) {
        for (var child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        throw new IllegalStateException("no <" + tag + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String tag) {
        return only(parent, tag).getTextContent().trim();
    }
}
