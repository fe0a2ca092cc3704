package dev.wharf.metadata;

import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The metadata store's rules on SQLite, as standalone mode runs it: one database file. */
class SqliteMetadataStoreTest extends MetadataStoreTest {

    @TempDir
    Path directory;

    @Override
    DataSource freshDatabase() {
        return sqliteDatabase(directory.resolve(UUID.randomUUID() + ".db"));
    }

    static DataSource sqliteDatabase(Path file) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }
}
