import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Small admin helper of the local launcher (./chartstream). Compiled by the launcher into
 * .chartstream/tools with the Kafka and PostgreSQL JDBC jars it resolved from Maven Central.
 *
 * <pre>
 *   topics      BOOTSTRAP PARTITIONS TOPIC...   create missing topics with retention.ms=-1 (idempotent)
 *   list-topics BOOTSTRAP                       print topic names
 *   databases   JDBC_BASE_URL USER PASSWORD DB...  create missing databases owned by USER (idempotent)
 *   ensure      JDBC_BASE_URL USER PASSWORD DB,DB BOOTSTRAP PARTITIONS TOPIC,TOPIC   both of the above
 * </pre>
 * Errors are printed as one line on stderr with exit code 1; never a stack trace.
 */
public class ChartstreamAdmin {

    public static void main(String[] args) {
        try {
            if (args.length < 1) {
                throw new IllegalArgumentException("usage: topics|list-topics|databases ...");
            }
            switch (args[0]) {
                case "topics" -> topics(args[1], Integer.parseInt(args[2]), Arrays.asList(args).subList(3, args.length));
                case "list-topics" -> listTopics(args[1]);
                case "databases" -> databases(args[1], args[2], args[3], Arrays.asList(args).subList(4, args.length));
                case "ensure" -> ensure(args);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("error: " + (cause instanceof IllegalStateException ? "" : cause.getClass().getSimpleName() + ": ")
                    + cause.getMessage());
            System.exit(1);
        }
    }

    /**
     * One JVM for the launcher's whole set-up: {@code ensure JDBC_BASE_URL USER PASSWORD DBS BOOTSTRAP PARTITIONS TOPICS}
     * where DBS and TOPICS are comma-separated.
     */
    static void ensure(String[] a) throws Exception {
        try {
            databases(a[1], a[2], a[3], Arrays.asList(a[4].split(",")));
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + a[1] + ": " + e.getMessage(), e);
        }
        try {
            topics(a[5], Integer.parseInt(a[6]), Arrays.asList(a[7].split(",")));
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Kafka at " + a[5] + ": " + cause.getMessage(), e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(p);
    }

    static void topics(String bootstrap, int partitions, List<String> topics) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, (short) -1).configs(Map.of("retention.ms", "-1")));
                }
            }
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (var entry : result.values().entrySet()) {
                    try {
                        entry.getValue().get(30, TimeUnit.SECONDS);
                        System.out.println("created topic " + entry.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            // Topics that already existed (e.g. auto-created by a producer that came first) still
            // must keep their events forever.
            for (String t : topics) {
                if (existing.contains(t)) {
                    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, t);
                    String retention = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS)
                            .get(r).get("retention.ms").value();
                    if (!"-1".equals(retention)) {
                        admin.incrementalAlterConfigs(Map.of(r, List.of(new AlterConfigOp(
                                new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
                                .all().get(30, TimeUnit.SECONDS);
                        System.out.println("set retention.ms=-1 on existing topic " + t);
                    }
                }
            }
        }
    }

    static void listTopics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> names = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            var descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            System.out.printf("%-45s %10s %12s%n", "TOPIC", "PARTITIONS", "RETENTION.MS");
            for (String n : names) {
                ConfigEntry retention = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, n)).get("retention.ms");
                System.out.printf("%-45s %10d %12s%n", n, descriptions.get(n).partitions().size(),
                        retention == null ? "?" : retention.value());
            }
        }
    }

    static void databases(String baseUrl, String user, String password, List<String> dbs) throws SQLException {
        DriverManager.setLoginTimeout(10);
        try (Connection c = DriverManager.getConnection(baseUrl + "/postgres", user, password)) {
            for (String db : dbs) {
                if (!db.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad database name " + db);
                }
                try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (var st = c.createStatement()) {
                    st.execute("create database " + db);
                    System.out.println("created database " + db);
                } catch (SQLException e) {
                    throw new SQLException("cannot create database " + db + " as " + user
                            + " (create it yourself, or grant CREATEDB): " + e.getMessage(), e);
                }
            }
        }
    }
}
