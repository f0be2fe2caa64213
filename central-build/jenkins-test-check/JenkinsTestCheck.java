import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedConstructorDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JavaParserTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ClassLoaderTypeSolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Best-effort check of the *JenkinsTest* files against the real Jenkins, plugin and test-harness sources: every
 * import, method call, constructor call, field access, method reference and type must resolve, every initializer must
 * be assignable to its declared type, and checked exceptions of calls outside lambdas must be declared or caught.
 * Usage: java JenkinsTestCheck <repo root> <trees dir> <jar dir>
 */
public class JenkinsTestCheck {
    static final Map<String, int[]> counts = new TreeMap<>(); // kind -> {ok, failed}
    static final List<String> failures = new ArrayList<>();
    static CombinedTypeSolver solver;

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path trees = Path.of(args[1]);
        Path jars = Path.of(args[2]);
        solver = new CombinedTypeSolver();
        // The JDK only (java.*, javax.*, org.w3c.*, org.xml.*), not the checker's own classpath.
        solver.add(new ClassLoaderTypeSolver(ClassLoader.getPlatformClassLoader()) {});
        solver.add(new JavaParserTypeSolver(repo.resolve("src/main/java"), langConfig()));
        solver.add(new JavaParserTypeSolver(repo.resolve("src/test/java"), langConfig()));
        try (Stream<Path> s = Files.list(trees)) {
            for (Path t : s.filter(Files::isDirectory).sorted().toList()) {
                solver.add(new JavaParserTypeSolver(t, langConfig()));
            }
        }
        try (Stream<Path> s = Files.list(jars)) {
            for (Path j : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                if (!j.getFileName().toString().startsWith("javaparser")) {
                    solver.add(new JarTypeSolver(j));
                }
            }
        }
        ParserConfiguration config = langConfig().setSymbolResolver(new JavaSymbolSolver(solver));
        List<Path> files;
        try (Stream<Path> s = Files.walk(repo.resolve("src/test/java"))) {
            files = s.filter(p -> p.getFileName().toString().contains("JenkinsTest"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            CompilationUnit cu = new com.github.javaparser.JavaParser(config)
                    .parse(f)
                    .getResult()
                    .orElseThrow();
            String name = f.getFileName().toString();
            cu.findAll(ImportDeclaration.class).forEach(i -> check(name, "import", i, () -> checkImport(i)));
            cu.findAll(ClassOrInterfaceType.class).forEach(t -> check(name, "type", t, () -> t.resolve().describe()));
            cu.findAll(MethodCallExpr.class).forEach(m -> check(name, "call", m, () -> {
                ResolvedMethodDeclaration d = m.resolve();
                if (m.getScope().isPresent() && isTypeName(m.getScope().get()) && !d.isStatic()) {
                    return "MISMATCH instance method " + d.getQualifiedSignature() + " called on a type";
                }
                checkThrows(name, m, d);
                return d.getQualifiedSignature();
            }));
            cu.findAll(ObjectCreationExpr.class).forEach(o -> check(name, "new", o, () -> {
                ResolvedConstructorDeclaration d = o.resolve();
                checkThrows(name, o, d);
                return d.getQualifiedSignature();
            }));
            cu.findAll(FieldAccessExpr.class).stream()
                    .filter(fa -> !(fa.getParentNode().orElse(null) instanceof FieldAccessExpr)
                            && !(fa.getParentNode().orElse(null) instanceof ImportDeclaration))
                    .forEach(fa -> check(name, "field", fa, () -> {
                        try {
                            return fa.resolve().getName();
                        } catch (RuntimeException e) {
                            return fa.calculateResolvedType().describe(); // a qualified type name, e.g. Foo.Bar.class
                        }
                    }));
            cu.findAll(MethodReferenceExpr.class).forEach(mr -> check(name, "methodref", mr, () -> mr.resolve()
                    .getQualifiedSignature()));
            checkIdioms(name, cu);
            cu.findAll(VariableDeclarator.class).stream()
                    .filter(v -> v.getInitializer().isPresent())
                    .forEach(v -> check(name, "assign", v, () -> checkAssign(v)));
        }
        counts.forEach((k, v) -> System.out.printf("%-10s resolved %4d  failed %3d%n", k, v[0], v[1]));
        System.out.println();
        failures.forEach(System.out::println);
        // LIMIT rows are the solver's own gaps, to be read by hand; anything else is a mismatch with the real API.
        boolean mismatch = counts.entrySet().stream().anyMatch(e -> !e.getKey().equals("LIMIT") && e.getValue()[1] > 0);
        System.exit(mismatch ? 1 : 0);
    }

    /** JUnit 5 only; a rule parameter needs the extension that resolves it. */
    static void checkIdioms(String file, CompilationUnit cu) {
        int[] n = counts.computeIfAbsent("idiom", k -> new int[2]);
        for (ImportDeclaration i : cu.getImports()) {
            String name = i.getNameAsString();
            if (name.startsWith("org.junit.") && !name.startsWith("org.junit.jupiter.")
                    || name.startsWith("org.jvnet.hudson.test.junit.") && !name.contains(".jupiter.")
                    || name.equals("org.jvnet.hudson.test.JenkinsSessionRule")
                    || name.equals("org.jvnet.hudson.test.BuildWatcher")
                    || name.equals("org.jvnet.hudson.test.LoggerRule")
                    || name.equals("org.jvnet.hudson.test.RestartableJenkinsRule")) {
                n[1]++;
                failures.add("FAIL " + file + " idiom: JUnit 4 API " + name);
            } else {
                n[0]++;
            }
        }
        for (com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c :
                cu.findAll(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class)) {
            boolean withJenkins = c.isAnnotationPresent("WithJenkins");
            boolean withCasc = c.isAnnotationPresent("WithJenkinsConfiguredWithCode");
            for (com.github.javaparser.ast.body.MethodDeclaration m : c.getMethods()) {
                for (com.github.javaparser.ast.body.Parameter p : m.getParameters()) {
                    String t = p.getType().asString();
                    boolean ok = !t.equals("JenkinsRule") && !t.equals("JenkinsConfiguredWithCodeRule")
                            || t.equals("JenkinsRule") && withJenkins
                            || t.equals("JenkinsConfiguredWithCodeRule") && withCasc;
                    boolean lifecycle = m.isAnnotationPresent("Test") || m.isAnnotationPresent("BeforeEach")
                            || m.isAnnotationPresent("AfterEach");
                    if (!lifecycle) {
                        continue; // a helper taking a rule is fine
                    }
                    if (ok) {
                        n[0]++;
                    } else {
                        n[1]++;
                        failures.add("FAIL " + file + " idiom: " + m.getNameAsString() + "(" + t
                                + ") without the extension that injects it");
                    }
                }
            }
            for (com.github.javaparser.ast.body.FieldDeclaration f : c.getFields()) {
                String t = f.getElementType().asString();
                if (t.equals("JenkinsSessionExtension") || t.equals("BuildWatcherExtension")) {
                    boolean registered = f.isAnnotationPresent("RegisterExtension");
                    boolean staticOk = t.equals("BuildWatcherExtension") == f.isStatic();
                    if (registered && staticOk) {
                        n[0]++;
                    } else {
                        n[1]++;
                        failures.add("FAIL " + file + " idiom: " + t + " field must be @RegisterExtension"
                                + (t.equals("BuildWatcherExtension") ? " static" : " non-static")
                                + " (BeforeAll vs BeforeEach callbacks)");
                    }
                }
            }
        }
    }

    static ParserConfiguration langConfig() {
        return new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
    }

    static final class SolverLimit extends RuntimeException {
        SolverLimit(String message) {
            super(message);
        }
    }

    interface Check {
        String run() throws Exception;
    }

    static void check(String file, String kind, Node node, Check c) {
        int[] n = counts.computeIfAbsent(kind, k -> new int[2]);
        try {
            String r = c.run();
            if (r != null && r.startsWith("MISMATCH")) {
                throw new IllegalStateException(r);
            }
            n[0]++;
        } catch (Throwable e) {
            boolean limit = e instanceof SolverLimit
                    || e.getClass().getSimpleName().equals("MethodAmbiguityException");
            if (limit) {
                counts.computeIfAbsent("LIMIT", k -> new int[2])[1]++;
            } else {
                n[1]++;
            }
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            failures.add(String.format(
                    "%s%s:%d %s `%s` -> %s: %s",
                    limit ? "LIMIT " : "FAIL ",
                    file,
                    node.getBegin().map(p -> p.line).orElse(-1),
                    kind,
                    oneLine(node.toString()),
                    e.getClass().getSimpleName(),
                    msg.length() > 200 ? msg.substring(0, 200) : msg));
        }
    }

    static String oneLine(String s) {
        s = s.replaceAll("\\s+", " ");
        return s.length() > 110 ? s.substring(0, 110) + "…" : s;
    }

    /** A scope that names a type rather than a value, as in {@code Type.method()}. */
    static boolean isTypeName(Expression scope) {
        if (!(scope.isNameExpr() || scope.isFieldAccessExpr())) {
            return false;
        }
        try {
            if (scope.isNameExpr()) {
                scope.asNameExpr().resolve();
            } else {
                scope.asFieldAccessExpr().resolve();
            }
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static String checkImport(ImportDeclaration i) {
        String name = i.getNameAsString();
        if (i.isAsterisk()) {
            return name + ".*";
        }
        if (!i.isStatic()) {
            return solver.solveType(name).getQualifiedName();
        }
        String type = name.substring(0, name.lastIndexOf('.'));
        String member = name.substring(name.lastIndexOf('.') + 1);
        ResolvedReferenceTypeDeclaration t = solver.solveType(type);
        boolean found = t.getAllMethods().stream().anyMatch(m -> m.getName().equals(member) && m.getDeclaration().isStatic())
                || t.getAllFields().stream().anyMatch(f -> f.getName().equals(member) && f.isStatic());
        if (!found) {
            return "MISMATCH no static member " + member + " in " + type;
        }
        return name;
    }

    static String checkAssign(VariableDeclarator v) {
        if (v.getType().isVarType()) {
            return "var";
        }
        ResolvedType declared = v.getType().resolve();
        ResolvedType actual = v.getInitializer().get().calculateResolvedType();
        if (actual.isTypeVariable()) {
            // The solver did not infer the called method's type variable: a limitation, judged by eye.
            throw new SolverLimit("uninferred type variable " + actual.describe() + " for " + declared.describe());
        }
        if (!declared.isAssignableBy(actual)) {
            return "MISMATCH " + actual.describe() + " not assignable to " + declared.describe();
        }
        return declared.describe();
    }

    /** Checked exceptions of a call outside any lambda must be caught or declared by the enclosing method. */
    static void checkThrows(String file, Node call, ResolvedMethodLikeDeclaration d) {
        List<ResolvedType> thrown = d.getSpecifiedExceptions();
        for (ResolvedType ex : thrown) {
            if (!isChecked(ex)) {
                continue;
            }
            if (handled(file, call, ex)) {
                continue;
            }
            failures.add(String.format(
                    "FAIL %s:%d throws `%s` -> unhandled checked %s",
                    file, call.getBegin().map(p -> p.line).orElse(-1), oneLine(call.toString()), ex.describe()));
            counts.computeIfAbsent("throws", k -> new int[2])[1]++;
            return;
        }
        counts.computeIfAbsent("throws", k -> new int[2])[0]++;
    }

    /**
     * What the single abstract method of the functional interface a lambda passed as a call argument declares, or
     * null when that cannot be worked out.
     */
    static List<ResolvedType> lambdaThrows(LambdaExpr lambda) {
        try {
            Node parent = lambda.getParentNode().orElse(null);
            ResolvedMethodLikeDeclaration target;
            int index;
            if (parent instanceof MethodCallExpr call) {
                target = call.resolve();
                index = call.getArguments().indexOf(lambda);
            } else if (parent instanceof ObjectCreationExpr creation) {
                target = creation.resolve();
                index = creation.getArguments().indexOf(lambda);
            } else {
                return null;
            }
            int p = Math.min(index, target.getNumberOfParams() - 1);
            ResolvedType type = target.getParam(p).getType();
            if (!type.isReferenceType()) {
                return null;
            }
            ResolvedReferenceTypeDeclaration iface =
                    type.asReferenceType().getTypeDeclaration().orElseThrow();
            List<ResolvedMethodDeclaration> abstracts = new ArrayList<>();
            for (com.github.javaparser.resolution.MethodUsage m : iface.getAllMethods()) {
                ResolvedMethodDeclaration d = m.getDeclaration();
                if (d.isAbstract() && !isObjectMethod(d)) {
                    abstracts.add(d);
                }
            }
            if (abstracts.size() != 1) {
                return null;
            }
            return abstracts.get(0).getSpecifiedExceptions();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isObjectMethod(ResolvedMethodDeclaration d) {
        return List.of("equals", "hashCode", "toString").contains(d.getName());
    }

    static boolean isChecked(ResolvedType ex) {
        if (!ex.isReferenceType()) {
            return false;
        }
        ResolvedReferenceType r = ex.asReferenceType();
        String q = r.getQualifiedName();
        if (q.equals("java.lang.RuntimeException") || q.equals("java.lang.Error")) {
            return false;
        }
        return r.getAllAncestors().stream()
                .map(ResolvedReferenceType::getQualifiedName)
                .noneMatch(a -> a.equals("java.lang.RuntimeException") || a.equals("java.lang.Error"));
    }

    static boolean covers(ResolvedType handler, ResolvedType ex) {
        try {
            return handler.isAssignableBy(ex);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean handled(String file, Node call, ResolvedType ex) {
        Node n = call;
        while (n.getParentNode().isPresent()) {
            Node parent = n.getParentNode().get();
            if (parent instanceof TryStmt t && t.getTryBlock() == n) {
                for (CatchClause c : t.getCatchClauses()) {
                    List<ResolvedType> types = new ArrayList<>();
                    if (c.getParameter().getType().isUnionType()) {
                        c.getParameter().getType().asUnionType().getElements().forEach(e -> types.add(e.resolve()));
                    } else {
                        types.add(c.getParameter().getType().resolve());
                    }
                    if (types.stream().anyMatch(h -> covers(h, ex))) {
                        return true;
                    }
                }
            }
            if (parent instanceof LambdaExpr lambda) {
                List<ResolvedType> allowed = lambdaThrows(lambda);
                if (allowed != null) {
                    return allowed.stream().anyMatch(h -> covers(h, ex));
                }
                // Judged by eye: the functional interface could not be found.
                failures.add(String.format(
                        "NOTE %s:%d a lambda calls something throwing %s: check the functional interface by eye",
                        file, call.getBegin().map(p -> p.line).orElse(-1), ex.describe()));
                return true;
            }
            if (parent instanceof CallableDeclaration<?> m) {
                for (ReferenceType t : m.getThrownExceptions()) {
                    if (covers(t.resolve(), ex)) {
                        return true;
                    }
                }
                return false;
            }
            n = parent;
        }
        return false;
    }
}
