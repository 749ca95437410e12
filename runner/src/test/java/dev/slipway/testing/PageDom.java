package dev.slipway.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.text.MutableAttributeSet;
import javax.swing.text.html.HTML;
import javax.swing.text.html.HTMLEditorKit;
import javax.swing.text.html.parser.ParserDelegator;

/**
 * A page's DOM as a browser dumped it ({@link HeadlessChromium#dumpDom}), read with the JDK's own HTML parser into
 * what tests assert on: how many of each element there are, the page's text, and each {@code <table id=…>} as rows
 * of cell texts keyed by the table's header cells. Entities are decoded, so text is what a person reads.
 */
public final class PageDom {

    /** One table row: its attributes ({@code data-pr}, {@code class}) and each cell's text under its header. */
    public record Row(Map<String, String> attributes, Map<String, String> cells) {

        /** The text of the cell under {@code header}; fails if the table has no such column. */
        public String cell(String header) {
            if (!cells.containsKey(header)) {
                throw new AssertionError("no column \"" + header + "\" in a row with columns " + cells.keySet());
            }
            return cells.get(header);
        }
    }

    private final Map<String, Integer> elements = new HashMap<>();
    private final Map<String, List<Row>> tables = new HashMap<>();
    private final StringBuilder text = new StringBuilder();

    private PageDom() {
    }

    /** Reads {@code html}; never fails on odd markup, as browsers don't. */
    public static PageDom parse(String html) {
        PageDom dom = new PageDom();
        try {
            new ParserDelegator().parse(new StringReader(html), dom.new Reader(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dom;
    }

    /** How many {@code tag} elements (lower case, e.g. {@code script}) the page has. */
    public int count(String tag) {
        return elements.getOrDefault(tag, 0);
    }

    /** All the text of the body, cells separated by spaces. */
    public String text() {
        return text.toString();
    }

    /** The rows with data cells of the table with {@code id}; fails if there is no such table. */
    public List<Row> rows(String id) {
        if (!tables.containsKey(id)) {
            throw new AssertionError("no table with id \"" + id + "\" on the page; tables: " + tables.keySet());
        }
        return tables.get(id);
    }

    /** Collects as the parser walks the document; one table level deep, which is all status pages use. */
    private final class Reader extends HTMLEditorKit.ParserCallback {

        private String table;
        private final List<String> headers = new ArrayList<>();
        private Map<String, String> rowAttributes;
        private final List<String> cells = new ArrayList<>();
        private StringBuilder cell;
        private boolean inBody;

        @Override
        public void handleStartTag(HTML.Tag tag, MutableAttributeSet a, int pos) {
            elements.merge(tag.toString(), 1, Integer::sum);
            inBody |= tag == HTML.Tag.BODY;
            if (tag == HTML.Tag.TABLE) {
                table = String.valueOf(a.getAttribute(HTML.Attribute.ID));
                tables.put(table, new ArrayList<>());
                headers.clear();
            } else if (tag == HTML.Tag.TR) {
                rowAttributes = attributes(a);
                cells.clear();
            } else if (tag == HTML.Tag.TD || tag == HTML.Tag.TH) {
                cell = new StringBuilder();
            }
        }

        @Override
        public void handleEndTag(HTML.Tag tag, int pos) {
            if (tag == HTML.Tag.TD || tag == HTML.Tag.TH) {
                (tag == HTML.Tag.TH ? headers : cells).add(cell.toString().strip());
                cell = null;
                text.append(' ');
            } else if (tag == HTML.Tag.TR && table != null && !cells.isEmpty()) {
                Map<String, String> byHeader = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    byHeader.put(i < headers.size() ? headers.get(i) : "#" + i, cells.get(i));
                }
                tables.get(table).add(new Row(rowAttributes, byHeader));
            } else if (tag == HTML.Tag.TABLE) {
                table = null;
            }
        }

        @Override
        public void handleSimpleTag(HTML.Tag tag, MutableAttributeSet a, int pos) {
            elements.merge(tag.toString(), 1, Integer::sum);
            if (tag == HTML.Tag.BR && cell != null) {
                cell.append('\n');
            }
        }

        @Override
        public void handleText(char[] data, int pos) {
            if (cell != null) {
                cell.append(data);
            }
            if (inBody) {
                text.append(data);
            }
        }
    }

    private static Map<String, String> attributes(MutableAttributeSet a) {
        Map<String, String> out = new HashMap<>();
        for (Object name : Collections.list(a.getAttributeNames())) {
            out.put(name.toString(), String.valueOf(a.getAttribute(name)));
        }
        return out;
    }
}
