package dev.slipway.mask.transform;

/**
 * One pass of {@link JsonRewriter} over one document: a recursive descent that writes each token it reads
 * (whitespace between tokens dropped) and, where the path tree ends, the masked value instead. Not
 * thread-safe: one document per instance.
 */
public final class JsonScan {

    /** As deep as Jackson reads by default: deeper documents are refused by both ways of masking. */
    static final int MAX_DEPTH = 1000;

    private final char[] doc;
    private final JsonText.Chars out;
    private int pos;

    private JsonScan(String doc) {
        this.doc = doc.toCharArray();
        this.out = new JsonText.Chars(doc.length() + 16);
    }

    /**
     * {@code doc} written compact, the values at the paths of {@code root} masked.
     *
     * @throws IllegalStateException when {@code doc} is not JSON; the message never quotes it
     */
    static String rewrite(String doc, JsonRewriter.Step root) {
        JsonScan s = new JsonScan(doc);
        s.skipSpace();
        s.value(root, 0);
        s.skipSpace();
        if (s.pos != s.doc.length) {
            throw s.invalid();
        }
        return s.out.toString();
    }

    /** Copies (or masks, when {@code step} ends a path) the value at {@link #pos}. */
    private void value(JsonRewriter.Step step, int depth) {
        char c = peek();
        if (step != null && step.transformer() != null && c != 'n') {
            masked(step.transformer(), depth);
            return;
        }
        switch (c) {
            case '{' -> object(step, depth + 1);
            case '[' -> array(step, depth + 1);
            case '"' -> {
                int from = pos;
                out.append(doc, from, skipString() - from);
            }
            default -> literal();
        }
    }

    private void masked(Transformer t, int depth) {
        String text;
        if (peek() == '"') {
            text = readString();
        } else {
            int from = pos;
            int mark = out.length();
            value(null, depth);
            out.setLength(mark);
            text = JsonText.compact(new String(doc, from, pos - from));
        }
        JsonText.quote(t.apply(text, null), out);
    }

    private void object(JsonRewriter.Step step, int depth) {
        open('{', depth);
        boolean more = !close('}');
        while (more) {
            if (peek() != '"') {
                throw invalid();
            }
            int from = pos;
            int end = skipString();
            out.append(doc, from, end - from);
            JsonRewriter.Step child = step == null ? null : key(step, from, end);
            skipSpace();
            expect(':');
            value(child, depth);
            more = separator('}');
        }
    }

    /** The step below {@code step} for the key whose quoted text is {@code doc[from, end)}. */
    private JsonRewriter.Step key(JsonRewriter.Step step, int from, int end) {
        return escapes(from + 1, end - 1) ? step.child(new JsonScan(new String(doc, from, end - from)).readString())
                : step.child(doc, from + 1, end - 1);
    }

    private void array(JsonRewriter.Step step, int depth) {
        open('[', depth);
        JsonRewriter.Step each = step == null ? null : step.child("[*]");
        boolean more = !close(']');
        while (more) {
            value(each, depth);
            more = separator(']');
        }
    }

    private void open(char c, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("a value is not valid JSON (nested deeper than " + MAX_DEPTH + ")");
        }
        expect(c);
    }

    /** Whether the container ends right here (empty); consumes the closing bracket then. */
    private boolean close(char end) {
        if (peek() == end) {
            pos++;
            out.append(end);
            return true;
        }
        return false;
    }

    /** After a member: true for a comma (more follow), false for the closing bracket. */
    private boolean separator(char end) {
        skipSpace();
        char c = peek();
        if (c != ',' && c != end) {
            throw invalid();
        }
        pos++;
        out.append(c);
        skipSpace();
        return c == ',';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw invalid();
        }
        pos++;
        out.append(c);
        skipSpace();
    }

    /** Skips the string at {@link #pos}; returns the index after its closing quote. */
    private int skipString() {
        int i = pos + 1;
        while (i < doc.length && doc[i] != '"') {
            i += doc[i] == '\\' ? 2 : 1;
        }
        if (i >= doc.length) {
            throw invalid();
        }
        pos = i + 1;
        return pos;
    }

    /** A number, {@code true}, {@code false} or {@code null}, copied as it is. */
    private void literal() {
        int from = pos;
        while (pos < doc.length && (Character.isLetterOrDigit(doc[pos]) || "+-.".indexOf(doc[pos]) >= 0)) {
            pos++;
        }
        if (!literal(from, pos)) {
            throw invalid();
        }
        out.append(doc, from, pos - from);
    }

    private boolean literal(int from, int to) {
        String word = new String(doc, from, to - from);
        if (word.equals("true") || word.equals("false") || word.equals("null")) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if ("+-0123456789.eE".indexOf(doc[i]) < 0) {
                return false;
            }
        }
        return to > from && (doc[from] == '-' || doc[from] >= '0' && doc[from] <= '9');
    }

    /** The value of the string at {@link #pos}, its escapes decoded. */
    private String readString() {
        int from = pos + 1;
        int end = skipString() - 1;
        if (!escapes(from, end)) {
            return new String(doc, from, end - from);
        }
        StringBuilder s = new StringBuilder(end - from);
        for (int k = from; k < end; k++) {
            if (doc[k] != '\\') {
                s.append(doc[k]);
            } else {
                k = unescape(k + 1, s);
            }
        }
        return s.toString();
    }

    private boolean escapes(int from, int end) {
        for (int k = from; k < end; k++) {
            if (doc[k] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Decodes the escape whose letter is at {@code k}; returns the index of its last character. */
    private int unescape(int k, StringBuilder s) {
        char c = doc[k];
        switch (c) {
            case 'b' -> s.append('\b');
            case 'f' -> s.append('\f');
            case 'n' -> s.append('\n');
            case 'r' -> s.append('\r');
            case 't' -> s.append('\t');
            case 'u' -> {
                s.append(hex(k + 1));
                return k + 4;
            }
            case '"', '\\', '/' -> s.append(c);
            default -> throw invalid();
        }
        return k;
    }

    private char hex(int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = i < doc.length ? Character.digit(doc[i], 16) : -1;
            if (d < 0) {
                throw invalid();
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private void skipSpace() {
        while (pos < doc.length && (doc[pos] == ' ' || doc[pos] == '\n' || doc[pos] == '\t' || doc[pos] == '\r')) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= doc.length) {
            throw invalid();
        }
        return doc[pos];
    }

    private IllegalStateException invalid() {
        // never quote the document: it holds clear values
        return new IllegalStateException("a value is not valid JSON (at character " + (pos + 1) + ")");
    }
}
