package dev.wharf.search;

import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.EventCodec;
import dev.wharf.events.PublishVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The search replica's view of one package: every version key it has accepted (so it applies
 * the same first-wins rule as the metadata projection), the latest version's event, and the
 * download total. Rebuilt into a Lucene document on every change.
 */
record PackageDocument(String name, List<String> versions, PublishVersion latest, long downloads) {

    static final String NAME = "name";
    static final String NAME_SORT = "name_sort";
    static final String PARTS = "parts";
    static final String NAMESPACE = "namespace";
    static final String DESCRIPTION = "description";
    static final String LATEST = "latest";
    static final String VERSIONS = "versions";
    static final String DOWNLOADS = "downloads";
    static final String PUBLISHED = "published";

    /** Adds a version if its key is new; returns null when it is a conflict (first in log order won). */
    PackageDocument withVersion(PublishVersion event) {
        PackageVersion version = PackageVersion.parse(event.version());
        List<PackageVersion> known = new ArrayList<>(versions.stream().map(PackageVersion::parse).toList());
        if (known.stream().anyMatch(v -> v.key().equals(version.key()))) return null;
        known.add(version);
        PackageVersion newest = PackageVersion.latest(known);
        PublishVersion newLatest = newest.equals(version) ? event : latest;
        List<String> names = new ArrayList<>(versions);
        names.add(version.toString());
        return new PackageDocument(name, List.copyOf(names), newLatest, downloads);
    }

    PackageDocument withDownloads(long more) {
        return new PackageDocument(name, versions, latest, downloads + more);
    }

    Document toLucene() {
        Document doc = new Document();
        PackageName parsed = PackageName.parse(name);
        doc.add(new StringField(NAME, name, Field.Store.YES));
        doc.add(new SortedDocValuesField(NAME_SORT, new BytesRef(name)));
        doc.add(new TextField(PARTS, String.join(" ", parsed.parts()), Field.Store.NO));
        doc.add(new StringField(NAMESPACE, parsed.namespace(), Field.Store.NO));
        doc.add(new TextField(DESCRIPTION, latest.description() == null ? "" : latest.description(), Field.Store.NO));
        doc.add(new StoredField(LATEST, new BytesRef(EventCodec.encode(latest))));
        doc.add(new StoredField(VERSIONS, String.join(",", versions)));
        doc.add(new StoredField(DOWNLOADS, downloads));
        doc.add(new NumericDocValuesField(DOWNLOADS, downloads));
        doc.add(new NumericDocValuesField(PUBLISHED, latest.publishedAt()));
        return doc;
    }

    static PackageDocument fromLucene(Document doc) {
        try {
            PublishVersion latest = (PublishVersion) EventCodec.decode(BytesRef.deepCopyOf(doc.getBinaryValue(LATEST)).bytes);
            String versions = doc.get(VERSIONS);
            return new PackageDocument(doc.get(NAME), versions.isEmpty() ? List.of() : List.of(versions.split(",")),
                    latest, doc.getField(DOWNLOADS).numericValue().longValue());
        } catch (EventCodec.UndecodableEvent e) {
            throw new IllegalStateException("search index holds an unreadable document: " + e.getMessage(), e);
        }
    }
}
