package cn.lantian.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The datasource the store uses: the embedded H2 file by default, PostgreSQL under the "pg" profile.
 * Looked up by name at run time, since only the chosen one is active.
 */
@ApplicationScoped
public class Database {
    @ConfigProperty(name = "lantian.store.datasource", defaultValue = "h2")
    String name;

    @Inject
    @Any
    Instance<AgroalDataSource> dataSources;

    private volatile AgroalDataSource dataSource;

    public Connection connect() {
        try {
            AgroalDataSource ds = dataSource;
            if (ds == null) {
                ds = dataSources.select(new DataSource.DataSourceLiteral(name)).get();
                dataSource = ds;
            }
            return ds.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw new StoreUnavailableException("the " + name + " database cannot be reached", e);
        }
    }

    public String name() {
        return name;
    }
}
