package dev.wharf.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hostile requests, one per index: every route, with what an attacker or a broken client
 * sends (issue 14's list). Deterministic: request {@code i} of seed {@code s} is always the same
 * bytes, so a failure is reproduced with {@code --seed s --only i}.
 */
final class HostileRequests {

    /** The registry under test as the generators need it. */
    record Target(String hostHeader, String token, String name, List<String> versions, byte[] component) {}

    static final String[] KINDS = {"paths", "request-line", "headers", "range", "multipart", "form-fields", "wasm",
            "names-versions", "json-fields", "search", "status", "methods"};

    private static final String[] ODD = {"", " ", "%00", "%", "%zz", "%2e%2e", "..", "../../etc/passwd", "%2F", "%252F",
            "%C0%AE", "%ff", "%E2%80%AE", "é", "a".repeat(300), "a".repeat(5000), ";", ";x=y", "?", "#", "//", "\\", "a:b", "A:B",
            "a:b@1.0.0", "1.0.0", "01.0.0", "1.0.0-", "1.0.0+", "99999999999999999999.0.0", "-1", "NaN", "null", "[]", "{}",
            "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://127.0.0.1/x}", "%n%s%s", "😀", "\u200b", "ns:", ":x",
            "a:b:c", "a:b/c", "a%3Ab", "a%3ab%2Fc", "x".repeat(64) + ":" + "y".repeat(64), "ｆｕｌｌ：ｗｉｄｔｈ", "%u0041", "+", "*"};

    private static final String[] VERSIONS = {"1.0.0", "0.0.0", "1.0.0-alpha.1+build.5", "1", "1.0", "1.0.0.0", "v1.0.0",
            "01.0.0", "1.0.0-", "1.0.0-01", "18446744073709551616.0.0", "99999999999999999999999999.1.1", "-1.0.0",
            "1.0.0+", "1.0.0-ü", "", " 1.0.0", "1.0.0 ", "^1.0.0", "*", "latest", "1.0.0\u0000", "1." + "9".repeat(500) + ".0"};

    private static final String[] JSON = {"[null]", "[\"a\", null]", "null", "{}", "[1]", "[[]]", "[{}]", "[{\"name\":null}]",
            "[{\"name\":\"a:b\",\"version\":null}]", "[{\"name\":\"a:b\",\"version\":\"^1\"}]", "[{\"name\":\"a:b\",\"version\":\"not semver\"}]",
            "\"str\"", "[1e999999]", "[" + "[".repeat(3000) + "]".repeat(3000) + "]", "[\"" + "x".repeat(70000) + "\"]", "[", "]",
            "[\"wasm32-wasip2\"]", "[\"wasm32-wasip2\",\"wasm32-wasip2\"]", "[\"\"]", "[\"\\u0000\"]", "[true]", "[{\"name\":\"a:b\",\"version\":\"1.0.0\",\"x\":[null]}]",
            "[\"\\ud800\"]", "{\"targets\":[]}", "", "   ", "[{\"name\":[],\"version\":{}}]"};

    private static final String[] SEARCH = {"*", "?", "a~", "\"unclosed", "(((", "a AND", "AND", "OR OR", "field:x", "name:*",
            "[a TO b]", "{a TO *}", "/regex/", "/[/", "\\", "a^2", "a^", "-", "+", "!", "&&", "||", "~1", "\"a b\"~99999",
            "x".repeat(256), "x".repeat(257), "é😀", "%00", "\u0000", "*:*", "a*b?c", "_id:1", "a:b c:d e:f", ""};

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
            "PROPFIND", "get", "FOO", "G\u00c9T", "GET\u0000"};

    private static final String[] FORM_TYPES = {"multipart/form-data; boundary=XX; charset=x", "multipart/form-data; boundary=XX; charset=utf-16",
            "multipart/form-data; boundary=XX; charset=\"", "multipart/form-data; charset=utf-8; boundary=XX", "multipart/form-data",
            "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=" + "b".repeat(71),
            "multipart/form-data; boundary=XX; boundary=YY", "multipart/mixed; boundary=XX", "multipart/; boundary=XX", "multipart",
            "application/json", "text/plain", "application/x-www-form-urlencoded", "*/*", "", ";", "multipart/form-data;;;", "multipart/form-data; boundary=XX; =",
            "multipart/form-data; boundary=XX; charset=", "MULTIPART/FORM-DATA; BOUNDARY=XX", "multipart/form-data ; boundary = XX",
            "multipart/form-data; boundary=a\u0000b", "multipart/form-data; boundary=\"XX", "application/wasm", "x/y; q=0.5; a=\"\\\""};

    private static final String[] LINES = {"GET / HTTP/1.1x", "GET / HTTP/01.1", "GET / HTTP/", "GET / HTTPS/1.1", "GET / HTTP/2.0",
            "GET / HTTP/1.2", "GET / HTTP/3.0", "GET / HTTP/0.9", "GET / http/1.1", "GET / HTTP/1.1 extra", "GET /", "GET", "",
            "GET  /health  HTTP/1.1", "GET\t/health\tHTTP/1.1", " GET /health HTTP/1.1", "GET /he alth HTTP/1.1", "GET * HTTP/1.1",
            "OPTIONS * HTTP/1.1", "GET http://127.0.0.1/health HTTP/1.1", "GET health HTTP/1.1", "GET //health HTTP/1.1",
            "GET /health?x=%zz HTTP/1.1", "GET /%00 HTTP/1.1", "GET /\u0001 HTTP/1.1", "GET /\u007f HTTP/1.1", "GET /\u00ff HTTP/1.1",
            "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", "PRI * HTTP/2.0", "CONNECT 127.0.0.1:1 HTTP/1.1",
            "GET /health HTTP/1.1\u0000", "GET /health HTTP/1.10", "GET /health HTTP/11", "GET /health HTTP/1.", "GET /health HTTP/a.b"};

    private HostileRequests() {}

    static HostileRequest next(long seed, long index, Target t) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index * 0x9E3779B97F4A7C15L);
        String kind = KINDS[(int) (index % KINDS.length)];
        return switch (kind) {
            case "paths" -> paths(r, t);
            case "request-line" -> requestLine(r, t);
            case "headers" -> headers(r, t);
            case "range" -> range(r, t);
            case "multipart" -> multipart(r, t);
            case "form-fields" -> formFields(r, t);
            case "wasm" -> wasm(r, t);
            case "names-versions" -> namesVersions(r, t);
            case "json-fields" -> jsonFields(r, t);
            case "search" -> search(r, t);
            case "status" -> status(r, t);
            default -> methods(r, t);
        };
    }

    private static HostileRequest.Builder b(String kind, Target t) {
        return new HostileRequest.Builder(kind, t.hostHeader());
    }

    private static String pick(SplittableRandom r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    /** An odd string, raw or percent-encoded, sometimes mixed with a real one. */
    private static String odd(SplittableRandom r) {
        String s = switch (r.nextInt(4)) {
            case 0 -> pick(r, ODD);
            case 1 -> URLEncoder.encode(pick(r, ODD), StandardCharsets.UTF_8);
            case 2 -> pick(r, ODD) + pick(r, ODD);
            default -> randomText(r, 1 + r.nextInt(40));
        };
        return s;
    }

    /** Printable request-target characters only: a raw space or CR would be a request-line case. */
    private static String pathSafe(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || c == '#' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '{' || c == '|' || c == '}') {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String randomText(SplittableRandom r, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = switch (r.nextInt(5)) {
                case 0 -> r.nextInt(0x20, 0x7f);
                case 1 -> r.nextInt(0, 0x20);
                case 2 -> r.nextInt(0x80, 0x800);
                case 3 -> "%:/@.-_~+*?;=&".charAt(r.nextInt(14));
                default -> 'a' + r.nextInt(26);
            };
            s.append((char) c);
        }
        return s.toString();
    }

    private static String realVersion(SplittableRandom r, Target t) {
        return t.versions().isEmpty() ? "1.0.0" : t.versions().get(r.nextInt(t.versions().size()));
    }

    private static String route(SplittableRandom r, Target t, String name, String version) {
        return switch (r.nextInt(10)) {
            case 0 -> "/api/v1/packages/" + name + "/versions";
            case 1 -> "/api/v1/packages/" + name + "/" + version;
            case 2 -> "/packages/" + name + "/" + version + "/artifact.wasm";
            case 3 -> "/browse/" + name;
            case 4 -> "/api/v1/search?q=" + name;
            case 5 -> "/packages";
            case 6 -> "/health";
            case 7 -> "/api/v1/stats";
            case 8 -> "/browse?q=" + name + "&page=" + version + "&sort=" + version;
            default -> "/api/v1/publishes/" + name;
        };
    }

    private static HostileRequest paths(SplittableRandom r, Target t) {
        String name = r.nextBoolean() ? t.name() : odd(r);
        String version = r.nextBoolean() ? realVersion(r, t) : odd(r);
        String path = route(r, t, name, version);
        if (r.nextInt(4) == 0) path = path + "/" + odd(r);
        if (r.nextInt(6) == 0) path = path.replace("/", pick(r, new String[]{"//", "/./", "/../", "%2F", "/%2e/", ";/"}));
        return b("paths", t).method(r.nextInt(5) == 0 ? "HEAD" : "GET").target(pathSafe(path)).build();
    }

    private static HostileRequest requestLine(SplittableRandom r, Target t) {
        String line = switch (r.nextInt(5)) {
            case 0, 1 -> pick(r, LINES);
            case 2 -> "GET /" + "a".repeat(r.nextInt(2) == 0 ? 9000 : 70000) + " HTTP/1.1";
            case 3 -> pick(r, METHODS) + " " + pathSafe(route(r, t, t.name(), realVersion(r, t))) + " "
                    + pick(r, new String[]{"HTTP/1.1x", "HTTP/01.1", "HTTP/", "HTTPS/1.1", "HTTP/1.0", "HTTP/9.9", "HTTP/1.1\t", "HTTP/1.1 "});
            default -> randomText(r, 1 + r.nextInt(120)).replace('\r', ' ').replace('\n', ' ');
        };
        String ending = pick(r, new String[]{"\r\n", "\n", "\r\n", "\r\r\n"});
        String rest = r.nextBoolean() ? "Host: " + t.hostHeader() + ending + "Connection: close" + ending + ending : ending + ending;
        if (line.strip().isEmpty()) {
            // Blank lines before a request line are ignored (RFC 9112 §2.2): the request follows.
            rest = "GET /health HTTP/1.1\r\nHost: " + t.hostHeader() + "\r\nConnection: close\r\n\r\n";
        }
        return HostileRequest.raw("request-line", line + ending + rest);
    }

    private static HostileRequest headers(SplittableRandom r, Target t) {
        HostileRequest.Builder req = b("headers", t).method(pick(r, new String[]{"GET", "GET", "HEAD", "POST"}))
                .target(pathSafe(route(r, t, t.name(), realVersion(r, t))));
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(16)) {
                case 0 -> req.header("X-Big", "a".repeat(r.nextBoolean() ? 17 * 1024 : 9000));
                case 1 -> req.rawHeader("NoColonHere");
                case 2 -> req.rawHeader("X-Folded: a\r\n  b");
                case 3 -> req.header("Host", pick(r, new String[]{"", "a b", "[::1", "127.0.0.1:99999", "x".repeat(300), "%00"}));
                case 4 -> req.header("Content-Length", pick(r, new String[]{"-1", "abc", "99999999999999999999", "1, 2", " 0", "0x10"}));
                case 5 -> req.header("Transfer-Encoding", pick(r, new String[]{"chunked, identity", "gzip", "x", "chunked\u000b"}));
                case 6 -> req.header("Expect", pick(r, new String[]{"100-continue", "200-ok", "x"}));
                case 7 -> req.header("Accept", pick(r, new String[]{"text/html", "*/*;q=x", "application/xml", ",,,", "a/b/c"}));
                case 8 -> req.header("If-None-Match", odd(r));
                case 9 -> req.header("Authorization", pick(r, new String[]{"Bearer ", "Bearer " + "x".repeat(9000), "Basic Zm9vOmJhcg==", "bearer " + t.token(), "Bearer\u0000x"}));
                case 10 -> req.header("Content-Type", pick(r, FORM_TYPES));
                case 11 -> req.rawHeader(" Leading: space");
                case 12 -> req.rawHeader("Bad\u0001Name: x");
                case 13 -> req.header("X-Utf8", "é😀\u0000\u007f");
                case 14 -> req.header("Accept-Encoding", pick(r, new String[]{"gzip;q=2", "br, zstd, *;q=0", "identity;q=0"}));
                default -> req.header("Range", pick(r, new String[]{"bytes=0-", "x", "bytes=-99999999999999999999"}));
            }
        }
        return req.build();
    }

    private static HostileRequest range(SplittableRandom r, Target t) {
        String digits = r.nextBoolean() ? Long.toString(r.nextLong(0, 5000)) : "9".repeat(1 + r.nextInt(r.nextBoolean() ? 25 : 5000));
        String digits2 = r.nextBoolean() ? Long.toString(r.nextLong(0, 5000)) : "1" + "0".repeat(r.nextInt(40));
        String value = switch (r.nextInt(12)) {
            case 0 -> "bytes=-" + digits;
            case 1 -> "bytes=" + digits + "-";
            case 2 -> "bytes=" + digits + "-" + digits2;
            case 3 -> "bytes=" + digits2 + "-" + digits;
            case 4 -> "bytes=0-0,-1";
            case 5 -> "bytes=-0";
            case 6 -> "items=0-1";
            case 7 -> "bytes=";
            case 8 -> "bytes=--1";
            case 9 -> "bytes=" + "0-1,".repeat(200) + "0-1";
            case 10 -> "bytes = 1 - 2";
            default -> odd(r);
        };
        String version = r.nextInt(8) == 0 ? odd(r) : realVersion(r, t);
        return b("range", t).method(r.nextInt(6) == 0 ? "HEAD" : "GET")
                .target(pathSafe("/packages/" + t.name() + "/" + version + "/artifact.wasm"))
                .header("Range", value.replace("\r", "").replace("\n", ""))
                .build();
    }

    private static HostileRequest multipart(SplittableRandom r, Target t) {
        String type = r.nextInt(3) == 0 ? "multipart/form-data; boundary=XX" : pick(r, FORM_TYPES);
        byte[] body = switch (r.nextInt(7)) {
            case 0 -> new byte[0];
            case 1 -> randomText(r, r.nextInt(300)).getBytes(StandardCharsets.UTF_8);
            case 2 -> "--XX\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx".getBytes(StandardCharsets.UTF_8);
            case 3 -> "--XX\r\n\r\n\r\n--XX--".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("--XX\r\nContent-Disposition: form-data; name=\"component\"; filename=\"a\"\r\nContent-Type: "
                    + pick(r, FORM_TYPES) + "\r\n\r\n\0asm\r\n--XX--\r\n").getBytes(StandardCharsets.UTF_8);
            case 5 -> ("--XX\r\nContent-Disposition: " + odd(r).replace("\r", "").replace("\n", "") + "\r\n\r\nv\r\n--XX--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("--XX\r\n" + "Content-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--XX\r\n".repeat(40) + "\r\n--XX--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        };
        HostileRequest.Builder req = b("multipart", t).method("POST").target("/api/v1/packages").body(body);
        if (!type.isEmpty()) req.header("Content-Type", type);
        if (r.nextInt(4) != 0) req.header("Authorization", "Bearer " + (r.nextInt(5) == 0 ? "wrong" : t.token()));
        return req.build();
    }

    private static HostileRequest publish(String kind, SplittableRandom r, Target t, Map<String, String> fields, byte[] file) {
        String boundary = "fuzz" + Long.toHexString(r.nextLong());
        List<Map.Entry<String, String>> parts = new ArrayList<>(fields.entrySet());
        byte[] body = HostileRequest.multipart(boundary, parts, r.nextInt(10) == 0 ? "artifact" : "component", file, "application/wasm");
        String name = fields.getOrDefault("name", "");
        String version = fields.getOrDefault("version", "");
        return b(kind, t).method("POST").target("/api/v1/packages")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + t.token())
                .body(body).publishes(name + "@" + version).build();
    }

    /** A fresh, valid name in the fuzzer's namespace: publishes with it may be accepted. */
    private static String freshName(SplittableRandom r) {
        return "fuzz:p" + Long.toHexString(r.nextLong() & 0xffffffffL);
    }

    private static HostileRequest formFields(SplittableRandom r, Target t) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", r.nextInt(3) == 0 ? odd(r) : freshName(r));
        fields.put("version", r.nextInt(3) == 0 ? pick(r, VERSIONS) : "1.0." + r.nextInt(100));
        String[] optional = {"description", "license", "repository", "wit_url", "sha256", "targets", "dependencies", "unknown"};
        for (String f : optional) {
            if (r.nextInt(3) != 0) continue;
            fields.put(f, switch (f) {
                case "repository", "wit_url" -> pick(r, new String[]{"javascript:alert(1)", "http://", "https://x/" + odd(r), "ftp://x", "http://[::1", odd(r)});
                case "sha256" -> r.nextBoolean() ? HexFormat.of().formatHex(new byte[32]) : odd(r);
                case "targets", "dependencies" -> pick(r, JSON);
                case "description" -> r.nextBoolean() ? "d".repeat(r.nextInt(70000)) : odd(r);
                default -> odd(r);
            });
        }
        return publish("form-fields", r, t, fields, t.component());
    }

    private static HostileRequest wasm(SplittableRandom r, Target t) {
        byte[] file = t.component().clone();
        switch (r.nextInt(6)) {
            case 0 -> { for (int i = 0; i < 1 + r.nextInt(8); i++) file[r.nextInt(file.length)] = (byte) r.nextInt(256); }
            case 1 -> file = java.util.Arrays.copyOf(file, r.nextInt(file.length));
            case 2 -> { file = new byte[r.nextInt(2000)]; for (int i = 0; i < file.length; i++) file[i] = (byte) r.nextInt(256); }
            case 3 -> { file = new byte[8 + r.nextInt(64)]; System.arraycopy(new byte[]{0, 'a', 's', 'm', 0x0d, 0, 1, 0}, 0, file, 0, 8);
                for (int i = 8; i < file.length; i++) file[i] = (byte) r.nextInt(256); }
            case 4 -> { for (int i = 8; i < Math.min(file.length, 40); i++) file[i] = (byte) 0xff; } // LEB128 lengths that never end
            default -> file = new byte[0];
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", freshName(r));
        fields.put("version", "1.0.0");
        return publish("wasm", r, t, fields, file);
    }

    private static HostileRequest namesVersions(SplittableRandom r, Target t) {
        if (r.nextBoolean()) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("name", r.nextBoolean() ? odd(r) : t.name());
            fields.put("version", pick(r, VERSIONS));
            return publish("names-versions", r, t, fields, t.component());
        }
        return b("names-versions", t).target(pathSafe(route(r, t, odd(r), pick(r, VERSIONS)))).build();
    }

    private static HostileRequest jsonFields(SplittableRandom r, Target t) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", freshName(r));
        fields.put("version", "1.0.0");
        fields.put(r.nextBoolean() ? "targets" : "dependencies", pick(r, JSON));
        if (r.nextBoolean()) fields.put(r.nextBoolean() ? "targets" : "dependencies", pick(r, JSON));
        return publish("json-fields", r, t, fields, t.component());
    }

    private static HostileRequest search(SplittableRandom r, Target t) {
        String q = URLEncoder.encode(r.nextInt(3) == 0 ? odd(r) : pick(r, SEARCH), StandardCharsets.UTF_8);
        String[] extras = {"", "&limit=" + pick(r, new String[]{"0", "-1", "abc", "100000", "9".repeat(30), ""}),
                "&offset=" + pick(r, new String[]{"-1", "99999999999", "x", "9".repeat(30)}),
                "&sort=" + pick(r, new String[]{"downloads", "name", "updated", "sideways", "", "%00"}), "&q=second"};
        String path = (r.nextInt(4) == 0 ? "/browse?q=" : "/api/v1/search?q=") + q + pick(r, extras) + pick(r, extras);
        if (r.nextInt(5) == 0) path = path.replace("&page=", "&page=" + pick(r, new String[]{"-1", "0", "x", "9".repeat(30)}));
        return b("search", t).target(pathSafe(path)).build();
    }

    private static HostileRequest status(SplittableRandom r, Target t) {
        String id = switch (r.nextInt(4)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            case 2 -> "00000000-0000-0000-0000-000000000000";
            default -> odd(r);
        };
        return b("status", t).method(r.nextInt(5) == 0 ? "HEAD" : "GET").target(pathSafe("/api/v1/publishes/" + id)).build();
    }

    private static HostileRequest methods(SplittableRandom r, Target t) {
        String method = pick(r, METHODS);
        HostileRequest.Builder req = b("methods", t).method(method).target(pathSafe(route(r, t, t.name(), realVersion(r, t))));
        if (r.nextBoolean()) req.body(randomText(r, r.nextInt(200)).getBytes(StandardCharsets.UTF_8));
        return req.build();
    }
}
