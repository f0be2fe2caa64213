import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.*;
import com.github.javaparser.ast.body.*;
import com.github.javaparser.ast.type.*;
import com.github.javaparser.ast.expr.*;
import com.github.javaparser.ast.nodeTypes.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/**
 * Compares every declaration of the compile-only Jenkins API surface with the real source: member exists, same
 * parameter and return types, modifiers, throws clause, nullness annotations and supertypes.
 *
 * <p>Usage: {@code java -cp javaparser-core.jar SurfaceCheck.java <surface source root> <folder of git clones>}.
 * Every git clone (bare or not, directly in the folder or in its {@code repo/} subfolder) is searched at HEAD,
 * except Jenkins core, read at the baseline tag, and repositories listed in REFS, read at the BOM's version.
 */
public class SurfaceCheck {
    static Map<String, String> REFS = Map.of(
            "jenkins", "jenkins-2.541.3",
            "credentials-binding-plugin", "728.v902a_273b_8947");
    static List<String[]> index = new ArrayList<>(); // repo, ref, path
    static int problems = 0;
    static Map<String, String> stubImports = Map.of(), realImports = Map.of();
    static CompilationUnit stubCu;

    public static void main(String[] args) throws Exception {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
        for (Path repo : Files.list(Path.of(args[1])).toList()) {
            String name = repo.getFileName().toString().replaceAll(".*[+/]", "");
            Path git = Files.isDirectory(repo.resolve("repo")) ? repo.resolve("repo") : repo;
            if (!Files.isDirectory(git)) continue;
            String ref = REFS.getOrDefault(name, "HEAD");
            for (String p : run(git, "git", "ls-tree", "-r", "--name-only", ref).split("\n")) {
                if (p.endsWith(".java") && p.contains("src/main/java/")) index.add(new String[] {git.toString(), ref, p});
            }
        }
        Path root = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) { files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList(); }
        for (Path f : files) {
            String rel = root.relativize(f).toString();
            List<String[]> hits = index.stream().filter(e -> e[2].endsWith("src/main/java/" + rel)).toList();
            if (hits.isEmpty()) { report(rel, "NO REAL SOURCE FOUND"); continue; }
            if (hits.size() > 1) System.out.println("note " + rel + ": several candidates, using " + hits.get(0)[0] + " " + hits.get(0)[2]);
            String[] hit = hits.get(0);
            if (System.getenv("SURFACE_CHECK_LIST") != null) {
                System.out.println("checked " + rel + " against " + Path.of(hit[0]).getParent().getFileName() + " " + hit[1] + ":" + hit[2]);
            }
            String realText = run(Path.of(hit[0]), "git", "show", hit[1] + ":" + hit[2]);
            CompilationUnit stub = StaticJavaParser.parse(f);
            CompilationUnit real;
            try { real = StaticJavaParser.parse(realText); } catch (Exception e) { report(rel, "cannot parse real: " + e.getMessage().lines().findFirst().orElse("")); continue; }
            stubCu = stub;
            stubImports = importsOf(stub);
            realImports = importsOf(real);
            for (TypeDeclaration<?> t : stub.getTypes()) {
                Optional<TypeDeclaration<?>> r = real.getTypes().stream().filter(x -> x.getNameAsString().equals(t.getNameAsString())).findFirst().<TypeDeclaration<?>>map(x -> (TypeDeclaration<?>) x);
                if (r.isEmpty()) { report(rel, "type " + t.getNameAsString() + " not in real file"); continue; }
                compareType(rel, t, r.get());
            }
        }
        System.out.println(problems == 0 ? "surface OK: " + files.size() + " files" : problems + " problem(s) in " + files.size() + " files");
    }

    static void report(String where, String what) { problems++; System.out.println("PROBLEM " + where + ": " + what); }

    static Map<String, String> imports = new HashMap<>(); // simple name -> qualified, for the file being compared

    static String norm(String s) {
        s = s.replaceAll("/\\*.*?\\*/", "").replaceAll("\\s+", "");
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![.A-Za-z0-9_])[A-Z][A-Za-z0-9_]*(?![.A-Za-z0-9_])").matcher(s);
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start()).append(imports.getOrDefault(m.group(), m.group()));
            last = m.end();
        }
        return out.append(s.substring(last)).toString();
    }
    static String type(Type t) { return normNode(t, t.toString().replaceAll("@\\w+(\\([^)]*\\))?\\s*", "")); }
    static String normNode(Node n, String text) {
        imports = n.findCompilationUnit().map(cu -> cu == stubCu ? stubImports : realImports).orElse(Map.of());
        return norm(text);
    }
    static Map<String, String> importsOf(CompilationUnit cu) {
        Map<String, String> m = new HashMap<>();
        for (ImportDeclaration i : cu.getImports()) if (!i.isAsterisk() && !i.isStatic()) m.put(i.getName().getIdentifier(), i.getNameAsString());
        return m;
    }
    static Set<String> mods(NodeWithModifiers<?> n) {
        return n.getModifiers().stream().map(m -> m.getKeyword().asString()).filter(k -> !k.equals("transient") && !k.equals("synchronized") && !k.equals("native") && !k.equals("strictfp")).collect(Collectors.toCollection(TreeSet::new));
    }
    static Set<String> nullness(NodeWithAnnotations<?> n) {
        return n.getAnnotations().stream().map(a -> a.getNameAsString().replaceAll(".*\\.", "")).filter(a -> a.equals("NonNull") || a.equals("CheckForNull") || a.equals("Nullable") || a.equals("Deprecated")).collect(Collectors.toCollection(TreeSet::new));
    }
    /** Equal, or equal once a name written without its package on one side is read as the other side's. */
    static boolean same(String a, String b) {
        if (a.equals(b)) return true;
        String[] x = a.split("(?=[<>,\\[\\]?&])|(?<=[<>,\\[\\]?&])"), y = b.split("(?=[<>,\\[\\]?&])|(?<=[<>,\\[\\]?&])");
        if (x.length != y.length) return false;
        for (int i = 0; i < x.length; i++) {
            String p = x[i].replace("extends", "extends "), q = y[i].replace("extends", "extends ");
            if (p.equals(q)) continue;
            String ps = p.replaceAll("^(extends |super )?", ""), qs = q.replaceAll("^(extends |super )?", "");
            if (!(qs.endsWith("." + ps) && !ps.contains(".") || ps.endsWith("." + qs) && !qs.contains("."))) return false;
        }
        return true;
    }
    static boolean sameSig(CallableDeclaration<?> a, CallableDeclaration<?> b) {
        if (!a.getNameAsString().equals(b.getNameAsString()) || a.getParameters().size() != b.getParameters().size()) return false;
        for (int i = 0; i < a.getParameters().size(); i++) {
            if (!same(type(a.getParameter(i).getType()), type(b.getParameter(i).getType())) || a.getParameter(i).isVarArgs() != b.getParameter(i).isVarArgs()) return false;
        }
        return true;
    }
    static String sig(CallableDeclaration<?> c) {
        return c.getNameAsString() + "(" + c.getParameters().stream().map(p -> type(p.getType()) + (p.isVarArgs() ? "..." : "")).collect(Collectors.joining(",")) + ")";
    }

    static void compareType(String rel, TypeDeclaration<?> s, TypeDeclaration<?> r) {
        String w = rel + " " + s.getNameAsString();
        if (!s.getClass().equals(r.getClass())) report(w, "kind " + s.getClass().getSimpleName() + " vs real " + r.getClass().getSimpleName());
        Set<String> sm = mods(s), rm = mods(r);
        if (r.isClassOrInterfaceDeclaration() && r.asClassOrInterfaceDeclaration().isInterface()) { sm.remove("abstract"); rm.remove("abstract"); sm.remove("static"); rm.remove("static"); }
        if (!sm.equals(rm)) report(w, "type modifiers " + sm + " vs real " + rm);
        if (s instanceof ClassOrInterfaceDeclaration sc && r instanceof ClassOrInterfaceDeclaration rc) {
            String stp = sc.getTypeParameters().stream().map(x -> normNode(x, x.toString())).collect(Collectors.joining(","));
            String rtp = rc.getTypeParameters().stream().map(x -> normNode(x, x.toString())).collect(Collectors.joining(","));
            if (!stp.equals(rtp)) report(w, "type parameters <" + stp + "> vs real <" + rtp + ">");
            Set<String> rs = new HashSet<>();
            rc.getExtendedTypes().forEach(x -> rs.add(type(x)));
            rc.getImplementedTypes().forEach(x -> rs.add(type(x)));
            for (ClassOrInterfaceType x : concat(sc.getExtendedTypes(), sc.getImplementedTypes())) if (!rs.stream().anyMatch(y -> same(y, type(x)))) report(w, "supertype " + type(x) + " not in real " + rs);
        }
        if (s instanceof EnumDeclaration se && r instanceof EnumDeclaration re) {
            List<String> a = se.getEntries().stream().map(e -> e.getNameAsString()).toList();
            List<String> b = re.getEntries().stream().map(e -> e.getNameAsString()).toList();
            if (!b.containsAll(a)) report(w, "enum constants " + a + " vs real " + b);
        }
        boolean iface = r instanceof ClassOrInterfaceDeclaration c && c.isInterface() || r instanceof AnnotationDeclaration;
        for (BodyDeclaration<?> m : s.getMembers()) {
            if (m instanceof CallableDeclaration<?> c) {
                if (c.isPrivate()) continue;
                String sg = sig(c);
                Optional<CallableDeclaration<?>> rc = r.getMembers().stream().filter(x -> x instanceof CallableDeclaration<?>).<CallableDeclaration<?>>map(x -> (CallableDeclaration<?>) x).filter(x -> x.getClass().equals(c.getClass()) && sameSig(c, x)).findFirst();
                if (rc.isEmpty()) { report(w, "member " + sg + " not in real (real has: " + r.getMembers().stream().filter(x -> x instanceof CallableDeclaration<?>).map(x -> sig((CallableDeclaration<?>) x)).filter(x -> x.startsWith(c.getNameAsString() + "(")).toList() + ")"); continue; }
                CallableDeclaration<?> q = rc.get();
                Set<String> a = mods(c), b = mods(q);
                if (iface) { for (String k : List.of("public", "abstract")) { a.remove(k); b.remove(k); } }
                if (!a.equals(b)) report(w, sg + " modifiers " + a + " vs real " + b);
                if (c instanceof MethodDeclaration md && q instanceof MethodDeclaration qd) {
                    if (!same(type(md.getType()), type(qd.getType()))) report(w, sg + " returns " + type(md.getType()) + " vs real " + type(qd.getType()));
                    String stp = md.getTypeParameters().stream().map(x -> normNode(x, x.toString())).collect(Collectors.joining(","));
                    String rtp = qd.getTypeParameters().stream().map(x -> normNode(x, x.toString())).collect(Collectors.joining(","));
                    if (!stp.equals(rtp)) report(w, sg + " type parameters <" + stp + "> vs real <" + rtp + ">");
                }
                Set<String> st = c.getThrownExceptions().stream().map(x -> type(x)).collect(Collectors.toCollection(TreeSet::new));
                Set<String> rt = q.getThrownExceptions().stream().map(x -> type(x)).collect(Collectors.toCollection(TreeSet::new));
                if (st.size() != rt.size() || !st.stream().allMatch(x -> rt.stream().anyMatch(y -> same(x, y)))) report(w, sg + " throws " + st + " vs real " + rt);
                if (!nullness(c).equals(nullness(q))) report(w, sg + " annotations " + nullness(c) + " vs real " + nullness(q));
                for (int i = 0; i < c.getParameters().size(); i++) {
                    Set<String> pa = nullness(c.getParameter(i)), pb = nullness(q.getParameter(i));
                    if (!pa.equals(pb)) report(w, sg + " parameter " + i + " annotations " + pa + " vs real " + pb);
                }
            } else if (m instanceof FieldDeclaration fd) {
                if (fd.isPrivate()) continue;
                for (VariableDeclarator v : fd.getVariables()) {
                    Optional<FieldDeclaration> rf = r.getMembers().stream().filter(x -> x instanceof FieldDeclaration).map(x -> (FieldDeclaration) x).filter(x -> x.getVariables().stream().anyMatch(y -> y.getNameAsString().equals(v.getNameAsString()))).findFirst();
                    if (rf.isEmpty()) { report(w, "field " + v.getNameAsString() + " not in real"); continue; }
                    VariableDeclarator rv = rf.get().getVariables().stream().filter(y -> y.getNameAsString().equals(v.getNameAsString())).findFirst().get();
                    if (!same(type(v.getType()), type(rv.getType()))) report(w, "field " + v.getNameAsString() + " type " + type(v.getType()) + " vs real " + type(rv.getType()));
                    Set<String> a = mods(fd), b = mods(rf.get());
                    if (iface) { a.clear(); b.clear(); }
                    if (!a.equals(b)) report(w, "field " + v.getNameAsString() + " modifiers " + a + " vs real " + b);
                }
            } else if (m instanceof TypeDeclaration<?> nt) {
                Optional<TypeDeclaration<?>> rn = r.getMembers().stream().filter(x -> x instanceof TypeDeclaration<?> y && y.getNameAsString().equals(nt.getNameAsString())).<TypeDeclaration<?>>map(x -> (TypeDeclaration<?>) x).findFirst();
                if (rn.isEmpty()) report(w, "nested type " + nt.getNameAsString() + " not in real");
                else compareType(rel, nt, rn.get());
            } else if (m instanceof AnnotationMemberDeclaration am) {
                boolean found = r.getMembers().stream().anyMatch(x -> x instanceof AnnotationMemberDeclaration y && y.getNameAsString().equals(am.getNameAsString()) && type(y.getType()).equals(type(am.getType())));
                if (!found) report(w, "annotation member " + am.getNameAsString() + " not in real");
            }
        }
    }

    @SafeVarargs
    static <T> List<T> concat(List<T>... ls) { List<T> out = new ArrayList<>(); for (List<T> l : ls) out.addAll(l); return out; }

    static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
