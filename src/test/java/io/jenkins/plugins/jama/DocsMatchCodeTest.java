package io.jenkins.plugins.jama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The README and {@code docs/} quote names and messages of the plugin; this fails when one of them no longer exists in
 * the code: a parameter of {@code withJamaToken}, {@code jamaToken}, {@code jamaTokenWrapper} or a {@code jamaApiClient}
 * YAML key, a Pipeline or JCasC symbol, a documented default, or a quoted message. Reads files and uses reflection only,
 * so it runs in both builds.
 */
class DocsMatchCodeTest {

    private static final Path ROOT = repositoryRoot();

    /** What a name in the docs refers to, by the symbol they call it with. */
    private static final Map<String, String> CLASSES = Map.of(
            "withJamaToken", "io.jenkins.plugins.jama.binding.WithJamaTokenStep",
            "jamaToken", "io.jenkins.plugins.jama.binding.JamaTokenBinding",
            "jamaTokenWrapper", "io.jenkins.plugins.jama.binding.JamaTokenBuildWrapper",
            "jamaApiClient", "io.jenkins.plugins.jama.credentials.JamaApiClientCredentialsImpl");

    /** Messages of Jenkins and other plugins that the troubleshooting table quotes too. */
    private static final List<String> FOREIGN_MESSAGES =
            List.of("Warning: A secret was passed to", "No suitable binding handler", "no known implementation of");

    /**
     * What a quote fills in where the message has a placeholder: {@code ...}, a quoted or hyphenated name, an address,
     * a code such as {@code invalid_client}, a number (with its unit), a capital such as {@code N} or {@code HTTP}. The
     * words between them must be words of a message.
     */
    private static final Pattern EXAMPLE_VALUE = Pattern.compile("\\.\\.\\.|…|(?<!\\w)'[^']*'|https?://\\S+"
            + "|\\b\\w+-\\w+[\\w-]*|\\b\\w+_\\w+\\b|(\\b\\d[\\w:.]*|\\b[A-Z]\\b)(\\s+(min|minutes|seconds?|s)\\b)?"
            + "|\\b[A-Z]{2,}\\b");

    @Test
    void calledParametersExist() throws Exception {
        List<String> unknown = new ArrayList<>();
        Matcher call = Pattern.compile("\\b(withJamaToken|jamaToken|jamaTokenWrapper)\\(([^)]*)\\)")
                .matcher(docs());
        while (call.find()) {
            Set<String> known = properties(call.group(1));
            Matcher argument = Pattern.compile("(\\w+):").matcher(call.group(2));
            while (argument.find()) {
                if (!known.contains(argument.group(1))) {
                    unknown.add(call.group(1) + "(" + argument.group(1) + ":)");
                }
            }
        }
        Matcher yaml = Pattern.compile("jamaApiClient:\\n((\\s+[\\w]+:.*\\n)+)").matcher(docs());
        while (yaml.find()) {
            Matcher key = Pattern.compile("^\\s+(\\w+):", Pattern.MULTILINE).matcher(yaml.group(1));
            while (key.find()) {
                if (!properties("jamaApiClient").contains(key.group(1))) {
                    unknown.add("jamaApiClient: " + key.group(1));
                }
            }
        }
        assertThat(unknown, empty());
    }

    @Test
    void symbolsExist() throws Exception {
        Set<String> symbols = new TreeSet<>();
        for (String name : List.of("jamaToken", "jamaTokenWrapper", "jamaApiClient")) {
            symbols.addAll(Arrays.asList(Class.forName(CLASSES.get(name) + "$DescriptorImpl")
                    .getAnnotation(Symbol.class)
                    .value()));
        }
        Matcher functionName = Pattern.compile("getFunctionName\\(\\) \\{\\s*return \"(\\w+)\";")
                .matcher(read(ROOT.resolve("src/main/java/io/jenkins/plugins/jama/binding/WithJamaTokenStep.java")));
        assertThat("the step's function name", functionName.find());
        symbols.add(functionName.group(1));
        Set<String> quoted = new TreeSet<>();
        Matcher name = Pattern.compile("\\b(withJama\\w*|jamaToken\\w*|jamaApi\\w*)\\b")
                .matcher(docs());
        while (name.find()) {
            quoted.add(name.group(1));
        }
        quoted.removeAll(symbols);
        assertThat(quoted, empty());
    }

    @Test
    void documentedDefaultsAreTheCodes() throws Exception {
        Class<?> options = Class.forName("io.jenkins.plugins.jama.binding.BlockOptions");
        Map<String, String> defaults = Map.of(
                "variable", constant(options, "DEFAULT_TOKEN_VARIABLE"),
                "urlVariable", constant(options, "DEFAULT_URL_VARIABLE"),
                "minimumValidityMinutes", constant(options, "DEFAULT_MINIMUM_MINUTES"));
        // "`variable` (default `JAMA_TOKEN`)" in prose, "| `variable` | `JAMA_TOKEN` |" in the parameter table
        Matcher documented = Pattern.compile(
                        "`(\\w+)` \\(default `?(\\w+)`?|^\\| `(\\w+)` \\| `?(\\w+)`? \\|", Pattern.MULTILINE)
                .matcher(docs());
        Set<String> checked = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        while (documented.find()) {
            String parameter = documented.group(1) != null ? documented.group(1) : documented.group(3);
            String value = documented.group(1) != null ? documented.group(2) : documented.group(4);
            if (defaults.containsKey(parameter)) {
                checked.add(parameter);
                if (!defaults.get(parameter).equals(value)) {
                    wrong.add(parameter + ": " + value + ", but the code's default is " + defaults.get(parameter));
                }
            }
        }
        assertThat(checked, hasItems("variable", "urlVariable", "minimumValidityMinutes"));
        assertThat(wrong, empty());
    }

    @Test
    void quotedMessagesExist() throws IOException {
        List<String> texts = messageTexts();
        List<String> missing = new ArrayList<>();
        for (String quote : quotedMessages(texts)) {
            for (String fragment : EXAMPLE_VALUE.split(quote)) {
                String words = fragment.replaceAll("^[\\s:;,.'\"()]+|[\\s:;,.'\"()]+$", "");
                if (words.split("\\s+").length >= 2 && texts.stream().noneMatch(text -> text.contains(words))) {
                    missing.add(words + "   (in: " + quote + ")");
                }
            }
        }
        assertThat(missing, empty());
    }

    @Test
    void theChecksSeeTheDocs() throws IOException {
        assertThat(quotedMessages(messageTexts()), not(empty()));
        assertThat(docs(), containsString("withJamaToken("));
    }

    /**
     * The quotes of this plugin's messages: inline code in the first column of tables headed "Message", and any inline
     * code or log line in a code block that starts like one of the messages.
     */
    private static Set<String> quotedMessages(List<String> texts) throws IOException {
        Set<String> quotes = new LinkedHashSet<>();
        Matcher table = Pattern.compile("^\\| Message[^\\n]*\\n\\|[-| ]+\\n((\\|[^\\n]*\\n)+)", Pattern.MULTILINE)
                .matcher(docs());
        while (table.find()) {
            for (String line : table.group(1).split("\\n")) {
                Matcher code = Pattern.compile("`([^`]+)`").matcher(line.split(" \\| ")[0]);
                while (code.find()) {
                    quotes.add(code.group(1));
                }
            }
        }
        // The first three words a message starts with, or two when a placeholder follows them
        List<String> openings = texts.stream()
                .map(text -> text.split("\u0000")[0].trim().split("\\s+"))
                .filter(words -> words.length >= 2)
                .map(words -> String.join(" ", Arrays.copyOf(words, Math.min(3, words.length))))
                .toList();
        Matcher code = Pattern.compile("`([^`\\n]+)`|^ {4}(\\S[^\\n]*)$", Pattern.MULTILINE)
                .matcher(docs());
        while (code.find()) {
            String quote = code.group(1) != null ? code.group(1) : code.group(2);
            if (openings.stream().anyMatch(quote::startsWith)) {
                quotes.add(quote);
            }
        }
        quotes.removeIf(quote -> FOREIGN_MESSAGES.stream().anyMatch(quote::contains));
        return quotes;
    }

    /** Every message, {@code ''} read as {@code '}, each placeholder as a NUL and a choice as its last alternative. */
    private static List<String> messageTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("Messages.properties"))
                    .toList()) {
                Properties messages = new Properties();
                messages.load(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1));
                messages.values()
                        .forEach(text -> texts.add(placeholders(text.toString().replace("''", "'"))));
            }
        }
        return texts;
    }

    private static String placeholders(String text) {
        Matcher choice = Pattern.compile(
                        "\\{\\d+,choice,(?:[^{}]|\\{[^{}]*\\})*\\|[^|#<]*[#<]((?:[^{}|]|\\{[^{}]*\\})*)\\}")
                .matcher(text);
        String lastAlternatives = choice.replaceAll(result -> Matcher.quoteReplacement(result.group(1)));
        return lastAlternatives.replaceAll("\\{[^{}]*\\}", "\u0000");
    }

    /** The names a class takes as parameters: its data-bound constructor's and setters'. */
    private static Set<String> properties(String symbol) throws ClassNotFoundException {
        Class<?> type = Class.forName(CLASSES.get(symbol));
        Set<String> names = new TreeSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                Arrays.stream(constructor.getParameters())
                        .map(Parameter::getName)
                        .forEach(names::add);
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(method.getName().charAt(3))
                        + method.getName().substring(4));
            }
        }
        return names;
    }

    private static String constant(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return String.valueOf(field.get(null));
    }

    private static String docs() throws IOException {
        StringBuilder all = new StringBuilder(read(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                all.append('\n').append(read(file));
            }
        }
        return all.toString();
    }

    /**
     * The real build runs at the repository root, the Maven-Central-only build in {@code central-build/plugin}, whose
     * {@code src} links to the root's: the root is where {@code src} really is.
     */
    private static Path repositoryRoot() {
        try {
            return Path.of("src").toRealPath().getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
