package cn.lantian;

import cn.lantian.fact.SiteClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/**
 * Attempts to run code from a rule file, each with a payload that leaves a trace if it runs: a system
 * property or a file named by the attempt's mark (a path under target/sandbox-escapes/). Each attempt
 * knows where it must be refused (its file, the line holding {@code at}) and why ({@code reason}).
 * {@link #control} compiles and runs an attempt with Drools alone, no sandbox, to show that its payload
 * is live: the corpus can fail.
 */
public final class EscapeCorpus {
    public static final Path MARKS = Path.of("target", "sandbox-escapes");
    private static final String MARK = "@MARK@";

    private EscapeCorpus() {}

    /**
     * One escape attempt.
     *
     * @param files   the files it adds to the rules folder, by path inside it; {@code @MARK@} stands for its mark
     * @param file    the file the refusal names ("rules/…")
     * @param at      text on the line the refusal points at (null: line 0, a refusal of the file itself)
     * @param reason  words the refusal must hold
     * @param live    whether Drools alone runs the payload (the control shows its trace)
     * @param service whether the payload needs the running service (a CDI look-up) to leave its trace
     */
    public record Escape(String id, String what, Map<String, String> files, String file, String at, String reason,
                         boolean live, boolean service) {

        public Map<String, String> files(String mark) {
            Map<String, String> out = new LinkedHashMap<>();
            files.forEach((k, v) -> out.put(k, v.replace(MARK, mark)));
            return out;
        }

        /** The line of the file holding {@code at} (1-based), or 0 when the refusal is of the file itself. */
        public int line() {
            if (at == null) {
                return 0;
            }
            String content = files.get(file.substring("rules/".length()));
            int i = content.indexOf(at);
            if (i < 0) {
                throw new IllegalStateException(id + ": \"" + at + "\" is not in " + file);
            }
            return (int) content.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
        }

        @Override
        public String toString() {
            return id + " (" + what + ")";
        }
    }

    /** The mark one channel (loader, validate, cli …) gives an attempt: a property key and a file path. */
    public static String mark(String channel, Escape e) {
        return MARKS.resolve(channel + "-" + e.id()).toString();
    }

    /** Whether the payload left its trace: the property is set, or a file of that name (or beginning so) exists. */
    public static boolean traceOf(String mark) {
        if (System.getProperty(mark) != null) {
            return true;
        }
        Path p = Path.of(mark);
        if (Files.exists(p)) {
            return true;
        }
        if (!Files.isDirectory(p.getParent())) {
            return false;
        }
        try (Stream<Path> siblings = Files.list(p.getParent())) {
            return siblings.anyMatch(s -> s.getFileName().toString().startsWith(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void prepareMarks() throws IOException {
        Files.createDirectories(MARKS);
    }

    private static Escape drl(String id, String what, String drl, String at, String reason) {
        return new Escape(id, what, Map.of("escapes/" + id + ".drl", drl), "rules/escapes/" + id + ".drl", at, reason,
                true, false);
    }

    private static String rule(String name, String extra, String when, String then) {
        return "rule \"" + name + "\"\n"
                + "    @code(\"ESCAPE\") @title(\"逃逸\") @legalBasis(\"APPCL\")\n"
                + extra
                + "when\n" + when
                + "then\n" + then
                + "end\n";
    }

    private static final String HEAD = "package escapes\nimport cn.lantian.fact.*;\n\n";

    /** Every attempt, the live ones first. */
    public static List<Escape> all() {
        List<Escape> all = new ArrayList<>();
        all.add(drl("metadata-expression", "rule metadata that Drools evaluates as MVEL while compiling",
                HEAD + rule("Metadata that runs while compiling",
                        "    @check(java.lang.System.setProperty(\"@MARK@\", \"ran\"))\n", "", ""),
                "@check(", "must be a literal"));
        all.add(drl("metadata-concatenation", "a metadata value built by string concatenation",
                HEAD + rule("Metadata concatenated",
                        "    @record(\"site.\" + java.lang.System.setProperty(\"@MARK@\", \"ran\"))\n", "", ""),
                "@record(", "must be a literal"));
        all.add(drl("declare-default", "a declared type's field default, run when the rule creates one",
                HEAD + "declare Probe\n    name : String = java.lang.System.setProperty(\"@MARK@\", \"ran\")\nend\n\n"
                        + rule("A declared default that runs", "", "", "    Probe p = new Probe();\n"),
                "name : String =", "initialiser"));
        all.add(drl("dynamic-salience", "a salience expression, evaluated for every activation",
                HEAD + rule("Salience that runs",
                        "    salience (java.lang.System.setProperty(\"@MARK@\", \"ran\") == null ? 1 : 2)\n", "", ""),
                "salience (", "salience must be a whole number"));
        all.add(drl("dynamic-enabled", "an enabled expression, evaluated before the rule fires",
                HEAD + rule("Enabled that runs",
                        "    enabled (java.lang.System.setProperty(\"@MARK@\", \"ran\") == null)\n", "", ""),
                "enabled (", "enabled must be true or false"));
        all.add(drl("function-system-property", "a DRL function that sets a system property",
                HEAD + "function void leave(String mark) {\n    System.setProperty(mark, \"ran\");\n}\n\n"
                        + rule("A function that sets a property", "", "", "    leave(\"@MARK@\");\n"),
                "System.setProperty", "System is not a class rules may use"));
        all.add(drl("function-files", "a DRL function that writes a file with java.nio.file.Files",
                HEAD + "function void leave(String mark) {\n"
                        + "    java.nio.file.Files.writeString(java.nio.file.Path.of(mark), \"ran\");\n}\n\n"
                        + rule("A function that writes a file", "", "", "    leave(\"@MARK@\");\n"),
                "java.nio.file.Files", "java.nio.file.Files is not a class rules may use"));
        all.add(drl("file-output-stream", "a consequence that writes a file with FileOutputStream",
                HEAD + rule("A consequence that writes a file", "", "",
                        "    new java.io.FileOutputStream(\"@MARK@\").close();\n"),
                "FileOutputStream", "java.io.FileOutputStream is not a class rules may use"));
        all.add(drl("static-block", "a consequence that closes its method and opens a static initialiser",
                HEAD + rule("A consequence with a static block", "", "",
                        "    } static { java.lang.System.setProperty(\"@MARK@\", \"ran\"); } public static void more() {\n"),
                "} static {", "plain Java statements"));
        all.add(drl("anonymous-initialiser", "an anonymous class whose instance initialiser runs",
                HEAD + rule("An anonymous class with an initialiser", "", "",
                        "    Object o = new Object() {{ java.lang.System.setProperty(\"@MARK@\", \"ran\"); }};\n"),
                "new Object()", "anonymous classes"));
        all.add(drl("unicode-comment", "a unicode line feed that ends a // comment for the Java compiler",
                HEAD + rule("A comment that is not one", "", "",
                        "    // nothing to do here \\u000a java.lang.System.setProperty(\"@MARK@\", \"ran\");\n"),
                "\\u000a", "unicode escapes"));
        all.add(drl("unicode-string", "unicode quotes that end a string literal for the Java compiler",
                HEAD + rule("A string that is not one", "", "",
                        "    String s = \"safe\\u0022 + java.lang.System.setProperty(\\u0022@MARK@\\u0022, \\u0022ran\\u0022) + \\u0022\";\n"),
                "\\u0022", "unicode escapes"));
        all.add(drl("reflection-getclass", "reflection from any value's getClass()",
                HEAD + rule("Reflection through getClass", "", "",
                        "    \"\".getClass().forName(\"java.lang.System\").getMethod(\"setProperty\", String.class, String.class)\n"
                                + "        .invoke(null, \"@MARK@\", \"ran\");\n"),
                "\"\".getClass()", "reflection"));
        all.add(drl("reflection-concatenation", "Class.forName on a class name put together from pieces",
                HEAD + rule("Reflection on a spliced name", "", "",
                        "    Class.forName(\"java.la\" + \"ng.Sys\" + \"tem\").getMethod(\"setProperty\", String.class, String.class)\n"
                                + "        .invoke(null, \"@MARK@\", \"ran\");\n"),
                "Class.forName", "Class is not a class rules may use"));
        all.add(drl("script-engine-mvel", "the MVEL interpreter on the class path, handed a script",
                HEAD + rule("A script through MVEL", "", "",
                        "    org.mvel2.MVEL.eval(\"java.lang.System.setProperty('@MARK@', 'ran')\");\n"),
                "org.mvel2.MVEL", "org.mvel2.MVEL is not a class rules may use"));
        all.add(drl("script-engine-jsr223", "a javax.script engine (MVEL registers one)",
                HEAD + rule("A script through javax.script", "", "",
                        "    new javax.script.ScriptEngineManager().getEngineByName(\"mvel\")\n"
                                + "        .eval(\"java.lang.System.setProperty('@MARK@', 'ran')\");\n"),
                "new javax.script", "javax.script.ScriptEngineManager is not a class rules may use"));
        all.add(drl("jdbc-embedded-database", "JDBC to an H2 database, which writes its file",
                HEAD + rule("A database opened from a rule", "", "",
                        "    java.sql.DriverManager.getConnection(\"jdbc:h2:./@MARK@\").close();\n"),
                "java.sql.DriverManager", "java.sql.DriverManager is not a class rules may use"));
        all.add(new Escape("cdi-datasource", "a CDI look-up of the service's datasource, which writes a script file",
                Map.of("escapes/cdi-datasource.drl", HEAD + rule("The service's database from a rule", "", "",
                        "    ((io.agroal.api.AgroalDataSource) jakarta.enterprise.inject.spi.CDI.current()\n"
                                + "        .select(io.agroal.api.AgroalDataSource.class, new io.quarkus.agroal.DataSource.DataSourceLiteral(\"h2\")).get())\n"
                                + "        .getConnection().createStatement().execute(\"SCRIPT TO '@MARK@'\");\n")),
                "rules/escapes/cdi-datasource.drl", "jakarta.enterprise", "jakarta.enterprise.inject.spi.CDI is not a class",
                true, true));
        all.add(drl("formatter-file", "java.util.Formatter, which opens a file by its name",
                HEAD + rule("A formatter that writes a file", "", "", "    new java.util.Formatter(\"@MARK@\").close();\n"),
                "java.util.Formatter", "java.util.Formatter is not a class rules may use"));
        all.add(drl("logging-handler", "a java.util.logging FileHandler, which creates its log file",
                HEAD + rule("A log file from a rule", "", "", "    new java.util.logging.FileHandler(\"@MARK@\").close();\n"),
                "java.util.logging", "java.util.logging.FileHandler is not a class rules may use"));
        all.add(drl("xslt-output", "an XSLT transform whose result is a file",
                HEAD + rule("A transform that writes a file", "", "",
                        "    javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(\n"
                                + "        new javax.xml.transform.stream.StreamSource(new java.io.StringReader(\"<a/>\")),\n"
                                + "        new javax.xml.transform.stream.StreamResult(new java.io.File(\"@MARK@\")));\n"),
                "javax.xml.transform.TransformerFactory", "javax.xml.transform.TransformerFactory is not a class"));
        all.add(drl("thread", "a thread started from a consequence",
                HEAD + rule("A thread from a rule", "", "",
                        "    Thread t = new Thread(() -> java.lang.System.setProperty(\"@MARK@\", \"ran\"));\n"
                                + "    t.start();\n    t.join();\n"),
                "Thread t", "Thread is not a type rules may use"));
        all.add(drl("runtime-exec", "a process started with Runtime.exec",
                HEAD + rule("A process from a rule", "", "",
                        "    Runtime.getRuntime().exec(new String[] {\"touch\", \"@MARK@\"}).waitFor();\n"),
                "Runtime.getRuntime", "Runtime is not a class rules may use"));
        all.add(drl("kcontext-session", "kcontext used for the session and its class loader",
                HEAD + rule("The session through kcontext", "", "",
                        "    kcontext.getKieRuntime().getKieBase().getClass().getClassLoader().loadClass(\"java.lang.System\")\n"
                                + "        .getMethod(\"setProperty\", String.class, String.class).invoke(null, \"@MARK@\", \"ran\");\n"),
                "kcontext.getKieRuntime", "kcontext and drools may only be passed"));
        all.add(drl("drools-variable", "drools kept in a variable and used for its rule",
                HEAD + rule("The rule through drools", "", "",
                        "    Object helper = drools;\n"
                                + "    java.lang.System.setProperty(\"@MARK@\", helper.toString());\n"),
                "Object helper = drools", "kcontext and drools may only be passed"));
        all.add(drl("fully-qualified", "java.lang.System by its full name, with no import",
                HEAD + rule("A fully qualified call", "", "", "    java.lang.System.setProperty(\"@MARK@\", \"ran\");\n"),
                "java.lang.System", "java.lang.System is not a class rules may use"));
        all.add(drl("import-outside", "an import of a class outside the fact model",
                "package escapes\nimport java.lang.System;\n\n"
                        + rule("An imported System", "", "", "    System.setProperty(\"@MARK@\", \"ran\");\n"),
                "import java.lang.System", "rules may import only the fact model"));
        all.add(drl("import-function", "a JDK static method imported as a rule function",
                "package escapes\nimport function java.lang.System.setProperty;\n\n"
                        + rule("An imported setProperty", "", "", "    setProperty(\"@MARK@\", \"ran\");\n"),
                "import function", "helpers of cn.lantian.engine.Emit only"));
        all.add(drl("mvel-dialect", "the MVEL dialect, which runs its consequence as a script",
                HEAD + rule("A consequence in MVEL", "    dialect \"mvel\"\n", "",
                        "    System.setProperty(\"@MARK@\", \"ran\");\n"),
                "dialect \"mvel\"", "dialect \"mvel\" is not allowed"));
        all.add(drl("eval-call", "an eval that calls instead of comparing",
                HEAD + rule("An eval that runs", "", "    eval(java.lang.System.setProperty(\"@MARK@\", \"ran\") == null)\n", ""),
                "eval(", "an eval may only compare"));
        all.add(drl("constraint-call", "a pattern constraint that calls System",
                HEAD + rule("A constraint that runs", "",
                        "    SiteClass(name != java.lang.System.setProperty(\"@MARK@\", \"ran\"))\n", ""),
                "SiteClass(", "java.lang.System is not a class rules may use"));
        all.add(drl("from-expression", "a from source that calls System",
                HEAD + rule("A from that runs", "",
                        "    $x : Object() from java.lang.System.setProperty(\"@MARK@\", \"ran\")\n", ""),
                "from java.lang", "java.lang.System is not a class rules may use"));
        all.add(drl("accumulate-code", "an accumulate with its own init code",
                HEAD + rule("An accumulate that runs", "",
                        "    Number() from accumulate(SiteClass(),\n"
                                + "        init(String s = java.lang.System.setProperty(\"@MARK@\", \"ran\");), action(), result(1))\n", ""),
                "Number() from accumulate", "accumulate with init/action/result code is not allowed"));
        all.add(drl("package-of-the-class-path", "rules compiled into an H2 package, to use its classes by simple name",
                "package org.h2.store.fs\n\n" + rule("A rule in H2's package", "", "", "    FileUtils.createFile(\"@MARK@\");\n"),
                "package org.h2", "a rules package is one lower-case word"));
        all.add(new Escape("dslr-with-dsl", "a .dslr rule file and its .dsl, which Drools compiles too",
                Map.of("escapes/mark.dsl", "[then]Leave a mark=java.lang.System.setProperty(\"@MARK@\", \"ran\");\n",
                        "escapes/mark.dslr", "package escapes\nexpander mark.dsl\n\nrule \"A DSL rule\"\nwhen\nthen\n    Leave a mark\nend\n"),
                "rules/escapes/mark.dslr", null, "only .drl rule files and .csv tables", true, false));
        all.add(new Escape("upper-case-extension", "a rule file named .DRL, which Drools compiles as DRL",
                Map.of("escapes/MARK.DRL", HEAD + rule("An upper-case file", "", "", "    java.lang.System.setProperty(\"@MARK@\", \"ran\");\n")),
                "rules/escapes/MARK.DRL", null, "only .drl rule files and .csv tables", true, false));
        // Names that are refused as names: they would leave the rules folder or hide what they are.
        for (String[] name : new String[][] {{"path-traversal", "../outside.drl"}, {"absolute-path", "/tmp/outside.drl"},
                {"backslash-traversal", "dust\\..\\..\\outside.drl"}, {"encoded-traversal", "..%2Foutside.drl"},
                {"hidden-file", "dust/.hidden.drl"}, {"guided-rule", "dust/mark.rdrl"}, {"decision-table", "dust/mark.xls"}}) {
            all.add(new Escape(name[0], "a file named " + name[1], Map.of(name[1], HEAD
                    + rule("Named outside", "", "", "    java.lang.System.setProperty(\"@MARK@\", \"ran\");\n")),
                    "rules/" + name[1], null, "file name", false, false));
        }
        return List.copyOf(all);
    }

    /** A rule that never comes to rest: each firing inserts a fact that makes it fire again. */
    public static final String SELF_FEEDING_RULE = """
            package dust
            import cn.lantian.fact.*;

            declare Tick
                n : int
            end

            rule "Every inspection starts a tick"
                @code("LOOP") @title("循环") @legalBasis("APPCL")
            when
                Inspection()
                not Tick()
            then
                insert(new Tick(0));
            end

            rule "Every tick makes the next one"
                @code("LOOP") @title("循环") @legalBasis("APPCL")
            when
                $t : Tick()
            then
                insert(new Tick($t.getN() + 1));
            end
            """;

    /** Two rules that never come to rest: each inserts what makes the other fire. */
    public static final String MUTUAL_RULES = """
            package dust
            import cn.lantian.fact.*;

            declare Ping
                n : int
            end
            declare Pong
                n : int
            end

            rule "Every inspection starts a ping"
                @code("LOOP") @title("循环") @legalBasis("APPCL")
            when
                Inspection()
                not Ping()
            then
                insert(new Ping(0));
            end

            rule "A ping is answered by a pong"
                @code("LOOP") @title("循环") @legalBasis("APPCL")
            when
                $p : Ping()
            then
                insert(new Pong($p.getN()));
            end

            rule "A pong is answered by a ping"
                @code("LOOP") @title("循环") @legalBasis("APPCL")
            when
                $q : Pong()
            then
                insert(new Ping($q.getN() + 1));
            end
            """;

    /**
     * Compiles and runs the attempt's files with Drools alone (no sandbox, no Lantian checks) over one
     * SiteClass fact, as far as they get; a failure of the build or the run is part of what may happen.
     * Returns the compiler's errors, if any, for the test's message.
     */
    public static String control(Escape e, String mark) {
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        e.files(mark).forEach((name, content) -> kfs.write("src/main/resources/" + name, content));
        ReleaseId id = ks.newReleaseId("cn.lantian.escapes", "control-" + e.id(), "1.0.0");
        kfs.generateAndWritePomXML(id);
        String errors = "";
        try {
            KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
            errors = builder.getResults().getMessages(Message.Level.ERROR).toString();
            if (!builder.getResults().hasMessages(Message.Level.ERROR)) {
                KieContainer container = ks.newKieContainer(id);
                KieSession session = container.newKieSession();
                try {
                    session.insert(new SiteClass("ORDINARY"));
                    session.fireAllRules(100);
                } finally {
                    session.dispose();
                }
            }
        } catch (RuntimeException ex) {
            errors += " " + ex;
        } finally {
            ks.getRepository().removeKieModule(id);
        }
        return errors;
    }
}
