package dev.wharf.registry;

/** What a client asked for: free text, a page, and an order. */
public record SearchQuery(String text, int limit, int offset, Sort sort) {

    public enum Sort { RELEVANCE, DOWNLOADS, RECENT }

    public SearchQuery {
        text = text == null ? "" : text.strip();
        sort = sort == null ? Sort.RELEVANCE : sort;
    }
}
