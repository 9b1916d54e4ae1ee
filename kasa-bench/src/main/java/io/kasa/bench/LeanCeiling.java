package io.kasa.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The lean lifecycle: the fewest statements that durably record what one Kasa sale records,
 * run on the same PostgreSQL in scratch tables the benchmark creates and drops — the floor a
 * lean server could reach with the same durability. Each sale is:
 *
 * <ol>
 *   <li>one statement that inserts the payment, its product, its first activity and that
 *       activity's callback outbox row (data-modifying CTEs), committed on its own;</li>
 *   <li>three status changes (the receipt, the take, the outcome), each one statement that
 *       moves the payment only from the status it must be in, inserts the activity and its
 *       outbox row, and commits on its own: each change is durable before it could be
 *       acknowledged, as Kasa's are;</li>
 *   <li>its four callbacks marked delivered by a deliverer that marks whatever is waiting in
 *       one statement every {@link #DELIVERY_INTERVAL}, as a batched callback sender would
 *       record the answers it got.</li>
 * </ol>
 *
 * <p>The tables have the shape and integrity of Kasa's: uuid keys, a merchant foreign key,
 * the payment's foreign keys from its product, activities and outbox rows, unique sequences,
 * checks, the outbox's index of pending rows. Sales are sent open-loop at a set rate; each
 * takes one of {@link #WORKERS} connections for its four statements, back to back. The
 * statements are printed in docs/benchmarks.md.
 */
final class LeanCeiling {

    static final String NAME = "lean lifecycle (4 status changes with activities and outbox rows, callbacks marked delivered)";
    static final int WORKERS = 8;
    static final Duration DELIVERY_INTERVAL = Duration.ofMillis(20);
    /** Long enough for a closed connection's backend to exit and publish its counters. */
    private static final Duration EXIT_DELAY = Duration.ofSeconds(1);
    private static final int CREATED = 1;
    private static final int[][] CHANGES = {{10, CREATED}, {11, 10}, {4, 11}};
    private static final BigDecimal AMOUNT = new BigDecimal("22.00");

    private LeanCeiling() {
    }

    /**
     * Runs the lean lifecycle at {@code rate} for {@code duration} in {@code database}, measured by
     * {@code meter}. Its connections are opened before the window and closed at its end, before
     * the counters are read: a backend publishes its counters when it exits, so the lean
     * ceiling need not wait for PostgreSQL's idle timer as a scenario must.
     */
    static CostCeiling measure(JdbcTarget database, CostMeter meter, double rate, Duration duration, String runId)
            throws SQLException, InterruptedException {
        Tables tables = new Tables("kasa_bench_lean_" + runId.replaceAll("[^A-Za-z0-9]", "_"));
        UUID merchant;
        try (Connection admin = database.connect()) {
            admin.setAutoCommit(true);
            merchant = tables.create(admin);
        }
        LongAdder failures = new LongAdder();
        LongAdder completed = new LongAdder();
        List<Connection> connections = new ArrayList<>();
        try {
            BlockingQueue<Worker> workers = new ArrayBlockingQueue<>(WORKERS);
            for (int i = 0; i < WORKERS; i++) {
                Connection connection = database.connect();
                connections.add(connection);
                workers.add(new Worker(connection, tables, merchant));
            }
            Connection delivering = database.connect();
            connections.add(delivering);
            Deliverer deliverer = new Deliverer(delivering, tables, completed, failures);
            CostMeter.Reading before = meter.beforeWindow(EXIT_DELAY);
            Thread delivery = Thread.ofPlatform().daemon().name("kasa-bench-lean-deliverer").start(deliverer::loop);
            try (OpenLoop loop = new OpenLoop()) {
                loop.run(new RateSchedule(rate, duration), System.nanoTime(), (index, due) -> {
                    Worker worker = null;
                    try {
                        worker = workers.take();
                        deliverer.queue(worker.sale(index));
                    } catch (SQLException e) {
                        failures.increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (worker != null) {
                            workers.add(worker);
                        }
                    }
                });
                loop.awaitFinished(Duration.ofSeconds(30));
            }
            deliverer.stop();
            delivery.join(10_000);
            CostMeter.Reading cpu = meter.cpuNow();
            close(connections);
            Thread.sleep(EXIT_DELAY);
            CostMeter.Reading after = cpu.with(meter.counters());
            return new CostCeiling(NAME, rate, SaleCosts.between(before, after, completed.sum()), failures.sum());
        } finally {
            close(connections);
            try (Connection admin = database.connect()) {
                tables.drop(admin);
            }
        }
    }

    private static void close(List<Connection> connections) throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    /** The scratch tables' names and the statements on them. */
    record Tables(String prefix) {

        String payment() {
            return prefix + "_payment";
        }

        /** Creates the tables and the one merchant; returns its id. */
        UUID create(Connection connection) throws SQLException {
            UUID merchant = UUID.randomUUID();
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table " + prefix + "_merchant (id uuid primary key, name varchar(100) not null)");
                ddl.execute("create table " + payment() + " (id uuid primary key, merchant_id uuid not null references "
                        + prefix + "_merchant (id), merchant_unique_code varchar(64) not null, display_code varchar(25),"
                        + " amount numeric(14, 2) not null check (amount > 0), callback_address varchar(150),"
                        + " details jsonb not null, payment_status_id smallint not null check (payment_status_id between 1 and 12),"
                        + " last_sequence int not null, created_at timestamptz not null, modified_at timestamptz,"
                        + " unique (merchant_id, merchant_unique_code))");
                ddl.execute("create table " + prefix + "_product (id uuid primary key, payment_id uuid not null references "
                        + payment() + " (id), name varchar(100) not null, amount numeric(14, 2) not null, quantity int not null)");
                ddl.execute("create table " + prefix + "_activity (id uuid primary key, payment_id uuid not null references "
                        + payment() + " (id), sequence int not null, payment_status_id smallint not null,"
                        + " created_at timestamptz not null, unique (payment_id, sequence))");
                ddl.execute("create table " + prefix + "_outbox (id uuid primary key, payment_id uuid not null references "
                        + payment() + " (id), sequence int not null, payment_status_id smallint not null,"
                        + " target varchar(150) not null, payload jsonb not null,"
                        + " state varchar(10) not null check (state in ('PENDING', 'DELIVERED', 'DEAD')),"
                        + " attempt_count int not null default 0, delivered_at timestamptz, created_at timestamptz not null,"
                        + " unique (payment_id, sequence))");
                ddl.execute("create index " + prefix + "_outbox_pending on " + prefix + "_outbox (created_at) where state = 'PENDING'");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into " + prefix + "_merchant (id, name) values (?, 'lean')")) {
                insert.setObject(1, merchant);
                insert.executeUpdate();
            }
            return merchant;
        }

        void drop(Connection connection) throws SQLException {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table if exists " + prefix + "_outbox, " + prefix + "_activity, " + prefix + "_product, "
                        + payment() + ", " + prefix + "_merchant");
            }
        }

        /**
         * The tail of {@link #sale()} and {@link #change()}: the activity of the row the
         * {@code payment} CTE wrote (stamped with its {@code at} column) and its outbox row,
         * returning {@code returning} of the outbox row.
         */
        private String activityAndOutbox(String at, String returning) {
            return """
                    activity as (
                        insert into %1$s_activity (id, payment_id, sequence, payment_status_id, created_at)
                        select gen_random_uuid(), id, last_sequence, payment_status_id, %2$s from payment
                        returning id, payment_id, sequence, payment_status_id)
                    insert into %1$s_outbox (id, payment_id, sequence, payment_status_id, target, payload, state, created_at)
                    select activity.id, activity.payment_id, activity.sequence, activity.payment_status_id,
                           payment.callback_address,
                           jsonb_build_object('PaymentId', activity.payment_id, 'PaymentStatusId', activity.payment_status_id,
                                              'Sequence', activity.sequence),
                           'PENDING', now()
                    from activity join payment on payment.id = activity.payment_id
                    returning %3$s""".formatted(prefix, at, returning);
        }

        /** The sale: payment, product, first activity and its outbox row; returns the payment's and the outbox row's ids. */
        String sale() {
            return """
                    with payment as (
                        insert into %1$s_payment (id, merchant_id, merchant_unique_code, display_code, amount, callback_address,
                                                  details, payment_status_id, last_sequence, created_at)
                        values (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb, %2$d, 1, now())
                        returning id, payment_status_id, last_sequence, created_at, callback_address),
                    product as (
                        insert into %1$s_product (id, payment_id, name, amount, quantity)
                        select gen_random_uuid(), id, ?, ?, 1 from payment),
                    """.formatted(prefix, CREATED) + activityAndOutbox("created_at", "payment_id, id");
        }

        /** A status change from an allowed status, with its activity and outbox row; returns the outbox row's id. */
        String change() {
            return """
                    with payment as (
                        update %1$s_payment set payment_status_id = ?, last_sequence = last_sequence + 1, modified_at = now()
                        where id = ? and payment_status_id = any(?)
                        returning id, payment_status_id, last_sequence, modified_at, callback_address),
                    """.formatted(prefix) + activityAndOutbox("modified_at", "id");
        }

        /** Marks a batch of callbacks delivered. */
        String delivered() {
            return "update " + prefix + "_outbox set state = 'DELIVERED', delivered_at = now(), attempt_count = attempt_count + 1"
                    + " where id = any(?)";
        }
    }

    /** One connection and its prepared statements; runs one sale at a time. */
    private static final class Worker {
        private final Connection connection;
        private final UUID merchant;
        private final PreparedStatement sale;
        private final PreparedStatement change;

        Worker(Connection connection, Tables tables, UUID merchant) throws SQLException {
            this.connection = connection;
            this.merchant = merchant;
            connection.setAutoCommit(true);
            this.sale = connection.prepareStatement(tables.sale());
            this.change = connection.prepareStatement(tables.change());
        }

        /** Records sale {@code index} and its three changes, each committed; returns its four outbox rows. */
        List<UUID> sale(long index) throws SQLException {
            List<UUID> callbacks = new ArrayList<>(4);
            UUID payment;
            sale.setObject(1, merchant);
            sale.setString(2, "lean-" + index);
            sale.setString(3, "lean-" + index);
            sale.setBigDecimal(4, AMOUNT);
            sale.setString(5, "http://127.0.0.1:9/callback");
            sale.setString(6, "{\"products\":[{\"name\":\"Bench item\",\"amount\":22.00,\"quantity\":1}]}");
            sale.setString(7, "Bench item");
            sale.setBigDecimal(8, AMOUNT);
            try (ResultSet created = sale.executeQuery()) {
                created.next();
                payment = created.getObject(1, UUID.class);
                callbacks.add(created.getObject(2, UUID.class));
            }
            for (int[] step : CHANGES) {
                change.setShort(1, (short) step[0]);
                change.setObject(2, payment);
                Array from = connection.createArrayOf("int2", new Short[] {(short) step[1]});
                change.setArray(3, from);
                try (ResultSet changed = change.executeQuery()) {
                    if (!changed.next()) {
                        throw new SQLException("lean payment " + payment + " was not in status " + step[1]);
                    }
                    callbacks.add(changed.getObject(1, UUID.class));
                }
            }
            return callbacks;
        }
    }

    /** Marks callbacks delivered in batches on a connection of its own, and counts the sales whose four are all marked. */
    private static final class Deliverer {
        private record Callback(UUID id, AtomicInteger saleLeft) {
        }

        private final Connection connection;
        private final PreparedStatement delivered;
        private final LongAdder completed;
        private final LongAdder failures;
        private final ConcurrentLinkedQueue<Callback> waiting = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;

        Deliverer(Connection connection, Tables tables, LongAdder completed, LongAdder failures) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(true);
            this.delivered = connection.prepareStatement(tables.delivered());
            this.completed = completed;
            this.failures = failures;
        }

        void queue(List<UUID> callbacks) {
            AtomicInteger left = new AtomicInteger(callbacks.size());
            callbacks.forEach(id -> waiting.add(new Callback(id, left)));
        }

        /** Stops after marking what is waiting. */
        void stop() {
            running = false;
        }

        void loop() {
            boolean more = true;
            while (more) {
                more = running;
                List<Callback> batch = new ArrayList<>();
                for (Callback callback = waiting.poll(); callback != null; callback = waiting.poll()) {
                    batch.add(callback);
                }
                if (!batch.isEmpty()) {
                    mark(batch);
                }
                if (more) {
                    try {
                        Thread.sleep(DELIVERY_INTERVAL);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private void mark(List<Callback> batch) {
            try {
                delivered.setArray(1, connection.createArrayOf("uuid", batch.stream().map(Callback::id).toArray()));
                delivered.executeUpdate();
                batch.forEach(callback -> {
                    if (callback.saleLeft().decrementAndGet() == 0) {
                        completed.increment();
                    }
                });
            } catch (SQLException e) {
                failures.increment();
            }
        }
    }
}
