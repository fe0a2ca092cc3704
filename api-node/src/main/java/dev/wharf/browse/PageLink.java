package dev.wharf.browse;

import java.util.ArrayList;
import java.util.List;

/** One entry of the pagination bar: a page number, or a gap (number 0) between distant pages. */
public record PageLink(int number, boolean current) {

    public boolean gap() {
        return number == 0;
    }

    /** First, last, and two either side of the current page, with gaps where pages are skipped. */
    static List<PageLink> around(int current, int pages) {
        List<PageLink> links = new ArrayList<>();
        int previous = 0;
        for (int n = 1; n <= pages; n++) {
            boolean shown = n == 1 || n == pages || Math.abs(n - current) <= 2;
            if (!shown) continue;
            if (n - previous > 1) links.add(new PageLink(0, false));
            links.add(new PageLink(n, n == current));
            previous = n;
        }
        return links;
    }
}
