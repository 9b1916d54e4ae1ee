package io.kasa.terminal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference Kasa device: pairs with a code, then keeps one live connection to the server
 * (device protocol, {@code docs/device-protocol.md}) until stopped, unpaired or replaced.
 *
 * <p>Agents are cheap: all agents of a process share one {@link HttpClient} (unless the builder
 * is given another), one timer thread and a pool of virtual threads; an idle agent holds no
 * thread. Each agent handles its own events one at a time, in order, so its state needs no locks.
 *
 * <p>Lifecycle: {@link #start()} connects; after any drop the agent reconnects with
 * {@link Backoff exponential backoff and full jitter}, except after 1001 (the node is going away),
 * when it reconnects at once, within the first backoff's jitter; close codes 4401 and 4403 end in
 * {@link State#UNPAIRED}, 4409 in {@link State#REPLACED}, {@link #stop()} in {@link State#STOPPED}.
 * {@link #start()} may be called again from any of those three.
 *
 * <p>On 4401/4403 the rejected token is removed from the {@link DeviceStore} (the protocol forbids
 * reusing it, so keeping it only keeps a dead secret around) unless the store meanwhile holds a
 * newer pairing, for instance because {@link #pair(String)} was called while connected; then the
 * agent reconnects with the newer token instead.
 *
 * <p>Orders (device protocol 3): the agent stores each order in the {@link DeviceStore}, answers
 * {@code received}, and lets its {@link Behaviour} (approve at once, by default) play the cashier;
 * {@link #approve(String)} and {@link #decline(String)} act on one order by hand. Every step is
 * stored before the server hears of it, and the unacknowledged ones are repeated after each
 * {@code welcome}, so an agent built again over the same store after a crash finishes what the
 * crashed one started.
 *
 * <p>Failure scripting for tests: {@link #stop()}, {@link #vanish()}, {@link #dropConnection()},
 * {@link #crash()}, and the behaviours {@link Behaviour#ignore()}, {@link Behaviour#neverAnswer()},
 * {@link Behaviour#disconnectAfterTaking()} and {@link Behaviour#crashAfterTaking()}.
 */
public final class TerminalAgent implements AutoCloseable {

    public enum State {
        /** Built, never started. */
        NEW,
        /** Opening the WebSocket, or waiting for {@code welcome}. */
        CONNECTING,
        /** {@code welcome} received; the connection is live. */
        CONNECTED,
        /** The last connection ended; waiting before the next attempt. */
        BACKING_OFF,
        /** The server rejected the token (4401) or unpaired the terminal (4403), or there is no pairing; a new pair code is needed. */
        UNPAIRED,
        /** Another connection of the same terminal took over (4409); this agent does not reconnect. */
        REPLACED,
        /**
         * Stopped by {@link #stop()}, {@link #vanish()} or {@link #crash()} (also by
         * {@link Behaviour#crashAfterTaking()}); {@link #lastClose()} tells a crash apart.
         */
        STOPPED
    }

    /**
     * How a connection ended. {@code code} is the close code the server sent; when the connection
     * ended without a close frame from the server (I/O failure, refused handshake, server silent too
     * long, {@link #dropConnection()}) it is {@link #ABNORMAL} and {@code reason} says why. After
     * {@link #stop()} it is 1000 with reason {@value #STOPPED_BY_DEVICE}; after {@link #crash()},
     * {@link #ABNORMAL} with reason {@value #CRASHED}.
     */
    public record Close(int code, String reason) {

        /** RFC 6455's code for "ended without a close frame"; never sent on the wire. */
        public static final int ABNORMAL = 1006;
        public static final String STOPPED_BY_DEVICE = "stopped by device";
        /** The reason after {@link #crash()}; the code is {@link #ABNORMAL}. */
        public static final String CRASHED = "crashed";

        public Close {
            reason = reason == null ? "" : reason;
        }

        @Override
        public String toString() {
            return reason.isEmpty() ? String.valueOf(code) : code + " " + reason;
        }
    }

    /** Close codes of device protocol 2.5 that change what the device does next. */
    static final int GOING_AWAY = 1001;
    static final int AUTHENTICATION_FAILED = 4401;
    static final int UNPAIRED_BY_SERVER = 4403;
    static final int REPLACED_BY_NEWER = 4409;

    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(25);

    private static final System.Logger LOG = System.getLogger(TerminalAgent.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long {@link #start()}, {@link #stop()} and the other commands wait for the agent to act on them. */
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(10);
    /** After sending its close frame on {@link #stop()}, how long the agent waits for the server's before dropping TCP. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final int MAX_ATTEMPT = 62;

    /** Process-wide resources shared by all agents, created on first use; all threads are daemons. */
    private static final class Shared {
        static final ExecutorService THREADS =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kasa-terminal-", 0).factory());
        static final ScheduledThreadPoolExecutor TIMERS = timers();
        static final HttpClient HTTP = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(THREADS)
                .build();
        static final RandomGenerator RANDOM = new Random();

        private static ScheduledThreadPoolExecutor timers() {
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "kasa-terminal-timer");
                thread.setDaemon(true);
                return thread;
            });
            timers.setRemoveOnCancelPolicy(true);
            return timers;
        }
    }

    private final URI server;
    private final DeviceStore store;
    private final String serialNo;
    private final String model;
    private final String appVersion;
    private final HttpClient http;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Duration openTimeout;
    private final Duration pairTimeout;
    private final Duration confirmPollInterval;
    private final Duration confirmTimeout;

    private final SerialExecutor events = new SerialExecutor(Shared.THREADS);
    private final Connection.Events sink = new ConnectionEvents();
    private final Dispatcher dispatcher;
    private final OrderBook book;
    private final Cashier cashier;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition stateChanged = stateLock.newCondition();

    private volatile State state = State.NEW;
    private volatile String terminalId;
    private volatile Close lastClose;

    // Used on the serial executor only.
    private Connection current;
    private final List<Connection> silenced = new ArrayList<>();
    private ScheduledFuture<?> reconnect;
    private int attempt;

    private TerminalAgent(Builder builder) {
        this.server = builder.server;
        this.store = builder.store != null ? builder.store : DeviceStore.inMemory();
        this.serialNo = builder.serialNo;
        this.model = builder.model;
        this.appVersion = builder.appVersion;
        this.http = builder.httpClient != null ? builder.httpClient : Shared.HTTP;
        this.backoff = builder.backoff;
        this.random = builder.random != null ? builder.random : Shared.RANDOM;
        this.openTimeout = builder.openTimeout;
        this.pairTimeout = builder.pairTimeout;
        this.confirmPollInterval = builder.confirmPollInterval;
        this.confirmTimeout = builder.confirmTimeout;
        this.terminalId = loadQuietly().map(Pairing::terminalId).orElse(null);
        this.book = new OrderBook(store);
        try {
            book.load();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot read the orders from " + store, e);
        }
        this.cashier = new Cashier(book, new CashierLink(), builder.behaviour);
        // Every server message type the device understands has its handler here; the protocol
        // requires every other type to be ignored.
        this.dispatcher = new Dispatcher()
                .on("welcome", this::welcome)
                .on("ping", this::ping)
                .on("pong", (message, connection) -> { })
                .on("error", this::error)
                .on("order", (message, connection) -> cashier.order(message))
                .on("ack", (message, connection) -> cashier.ack(message))
                .on("withdraw", (message, connection) -> cashier.withdraw(message));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Exchanges a pair code for a device token ({@code POST {server}/api/device/pair}) and saves the
     * pairing in the store. The code is sent as given: the server judges it. Allowed in any state; a
     * running agent is moved to the new token when the server closes its old connection (4403).
     * After a 429 the caller must wait {@link PairingException#retryAfter()} before trying again; the
     * agent does not enforce it, so that tests can probe the server's limits.
     *
     * @throws PairingException     when the server refuses (invalid code, rate limited, bad input...)
     * @throws IOException          when the server cannot be reached
     * @throws IllegalStateException when the builder had no serial number, or neither the builder nor the store a server
     */
    public PairResult pair(String code) throws IOException, InterruptedException {
        return pair(code, waiting -> { });
    }

    /**
     * As {@link #pair(String)}, and for an async code (Paywall's two-step pairing) waits for the
     * merchant's confirmation: {@code waiting} is told once that the device waits, then the agent
     * asks {@code POST {server}/api/device/pair/status} every {@code confirmPollInterval} until
     * the merchant confirms, and only then stores the pairing. A lost connection while waiting
     * is retried; the wait ends with a {@link PairingException} when the request is deleted,
     * replaced or expires ({@code Pair.Async.RequestNotPending}, {@code Pair.Async.CodeExpired}),
     * or when {@code confirmTimeout} passes (HTTP status 0).
     */
    public PairResult pair(String code, Consumer<AwaitingConfirmation> waiting) throws IOException, InterruptedException {
        URI base = server != null ? server : loadQuietly().map(Pairing::server)
                .orElseThrow(() -> new IllegalStateException("no server to pair with: set one in the builder"));
        if (serialNo == null) {
            throw new IllegalStateException("a serial number is required to pair: set one in the builder");
        }
        PairingCall.Outcome outcome = PairingCall.send(http, base, pairTimeout, code, serialNo, model, appVersion);
        if (outcome instanceof PairingCall.Waiting claim) {
            LOG.log(System.Logger.Level.INFO, "Device {0} claimed a pair code of terminal {1}; waiting for confirmation",
                    serialNo, claim.terminalId());
            waiting.accept(new AwaitingConfirmation(claim.terminalId(), confirmPollInterval));
            outcome = awaitConfirmation(base, claim);
        }
        Pairing pairing = ((PairingCall.Paired) outcome).pairing();
        store.save(pairing);
        terminalId = pairing.terminalId();
        LOG.log(System.Logger.Level.INFO, "Device {0} paired as terminal {1} (pairing {2})",
                serialNo, pairing.terminalId(), pairing.terminalPairId());
        return new PairResult(pairing.terminalId(), pairing.terminalPairId());
    }

    private PairingCall.Outcome awaitConfirmation(URI base, PairingCall.Waiting claim)
            throws InterruptedException {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        Duration pause = confirmPollInterval;
        while (true) {
            Thread.sleep(pause);
            pause = confirmPollInterval;
            // The token exists only here until confirmation: a passing failure is waited out
            // rather than the claim given up. Only the server's refusal of the claim ends it.
            try {
                PairingCall.Outcome outcome = PairingCall.poll(http, base, pairTimeout, claim);
                if (outcome instanceof PairingCall.Paired) {
                    return outcome;
                }
            } catch (IOException unreachable) {
                LOG.log(System.Logger.Level.WARNING, "Cannot ask {0} for the confirmation: {1}", base, unreachable.toString());
            } catch (PairingException refused) {
                if (!refused.isRateLimited() && refused.httpStatus() < 500) {
                    throw refused;
                }
                LOG.log(System.Logger.Level.WARNING, "Asking for the confirmation: {0}", refused.getMessage());
                pause = refused.retryAfter().filter(wait -> wait.compareTo(confirmPollInterval) > 0).orElse(confirmPollInterval);
            }
            if (System.nanoTime() > deadline) {
                throw new PairingException(0, 0, null,
                        "no confirmation from the merchant within " + confirmTimeout.toSeconds() + " s", null);
            }
        }
    }

    /**
     * Starts keeping the live connection; returns once the agent is {@link State#CONNECTING} (use
     * {@link #awaitConnected(Duration)} to wait for the connection). Does nothing while already
     * connecting, connected or backing off.
     *
     * <p>A start after the device was off (just built, or after {@link #stop()}, {@link #vanish()}
     * or {@link #crash()}) boots it: it takes up the orders in the store by the standing
     * behaviour. One nobody started is handled as if it had just arrived; one whose take was
     * acknowledged (the device died while charging) is finished by the behaviour's decision, an
     * approval by default; unacknowledged takes and outcomes are sent again after {@code welcome}.
     *
     * @throws IllegalStateException when the store holds no pairing
     * @throws java.io.UncheckedIOException when the store's orders cannot be read
     */
    public void start() {
        Pairing pairing = store.load()
                .orElseThrow(() -> new IllegalStateException("not paired: " + store + " holds no pairing"));
        terminalId = pairing.terminalId();
        command(() -> {
            if (isRunning()) {
                return null;
            }
            if (!cashier.powered()) {
                cashier.boot();
            }
            attempt = 0;
            connect();
            return null;
        });
    }

    /**
     * Closes the live connection cleanly (close code 1000) and stops reconnecting; returns once the
     * close frame is sent. Also drops the sockets left open by {@link #vanish()}. The device shuts
     * down: work on orders stops (think timers included) and only the store remains, so a new
     * agent may take over the same store. Leaves {@link State#UNPAIRED} and {@link State#REPLACED}
     * as they are, moves every other state to {@link State#STOPPED}.
     */
    public void stop() {
        command(() -> {
            cancelReconnect();
            CompletableFuture<?> closing = CompletableFuture.completedFuture(null);
            Connection connection = current;
            current = null;
            if (connection != null) {
                connection.ended = true;
                connection.cancelTimers();
                if (connection.isOpen()) {
                    lastClose = new Close(1000, Close.STOPPED_BY_DEVICE);
                    closing = connection.close(1000, "device stopping");
                    Shared.TIMERS.schedule(connection::abort, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            silenced.forEach(Connection::abort);
            silenced.clear();
            cashier.powerCut();
            if (state != State.UNPAIRED && state != State.REPLACED) {
                setState(State.STOPPED);
            }
            return closing;
        });
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Simulates a dead device (power loss, cut cable): from now on the agent sends nothing, reads
     * nothing and answers nothing, does not close the socket and does not reconnect, so the server
     * must notice by itself. Like a device without power it also stops working on orders and
     * forgets all but its store. The state becomes {@link State#STOPPED}; {@link #stop()} later
     * releases the socket, {@link #start()} boots the device again on a new connection.
     */
    public void vanish() {
        command(() -> {
            cancelReconnect();
            Connection connection = current;
            current = null;
            if (connection != null) {
                connection.ended = true;
                connection.silence();
                silenced.add(connection);
            }
            cashier.powerCut();
            if (isRunning()) {
                setState(State.STOPPED);
            }
            LOG.log(System.Logger.Level.INFO, "Terminal {0} vanished (test scripting)", terminalId);
            return null;
        });
    }

    /**
     * Drops the TCP connection abruptly ({@link java.net.http.WebSocket#abort()}, no close frame) and
     * then reconnects with backoff as after any drop. Does nothing when there is no connection.
     */
    public void dropConnection() {
        command(() -> {
            Connection connection = current;
            if (connection != null) {
                lost(connection, new Close(Close.ABNORMAL, "dropped by device"));
            }
            return null;
        });
    }

    /**
     * Dies abruptly, as a device losing power in the middle of a payment: the TCP connection is
     * aborted (no close frame), nothing more is sent or stored, nothing in memory survives, and
     * the agent does not reconnect. The store is left exactly as it was, so a new agent built over
     * it (or this one, started again) reports what the dead one had not. Leaves
     * {@link State#UNPAIRED} and {@link State#REPLACED} as they are, moves every other state to
     * {@link State#STOPPED}; {@link #lastClose()} then says {@value Close#CRASHED}.
     */
    public void crash() {
        command(() -> {
            die();
            return null;
        });
    }

    public State state() {
        return state;
    }

    /** Applies {@code behaviour} to every order that arrives from now on, after any one-shot behaviours. */
    public TerminalAgent behave(Behaviour behaviour) {
        cashier.behave(behaviour);
        return this;
    }

    /** The standing behaviour. */
    public Behaviour behaviour() {
        return cashier.behaviour();
    }

    /**
     * Applies {@code behaviour} to the next order that arrives only; later ones get the standing
     * behaviour again. Calls queue up: two calls cover the next two orders, in call order.
     */
    public TerminalAgent behaveNext(Behaviour behaviour) {
        cashier.behaveNext(behaviour);
        return this;
    }

    /** Approves the next order that arrives, at once; see {@link #behaveNext(Behaviour)}. */
    public TerminalAgent approveNext() {
        return behaveNext(Behaviour.approve());
    }

    /** Declines the next order that arrives, at once; see {@link #behaveNext(Behaviour)}. */
    public TerminalAgent declineNext() {
        return behaveNext(Behaviour.decline());
    }

    /**
     * Approves a held order now, as the cashier would, whatever its behaviour: one nobody started
     * is taken and approved once the take is acknowledged; a taken one is approved once its take
     * is acknowledged; a charging one is approved at once. The card and references are made up
     * from the order id (a masked VISA test card).
     *
     * @throws IllegalArgumentException when the device does not hold the order
     * @throws IllegalStateException    when it already has an outcome or was already approved or
     *                                  declined by hand, or the device is off (not started since it was
     *                                  built, stopped, vanished or crashed)
     */
    public void approve(String orderId) {
        decide(orderId, TestAcquirer.approval(orderId));
    }

    /** Declines a held order now; as {@link #approve(String)} otherwise. */
    public void decline(String orderId) {
        decide(orderId, TestAcquirer.decline(orderId));
    }

    /** Ends a held order with exactly {@code outcome}; as {@link #approve(String)} otherwise. */
    public void decide(String orderId, Outcome outcome) {
        Objects.requireNonNull(orderId, "orderId");
        command(() -> {
            cashier.decide(orderId, outcome);
            return null;
        });
    }

    /**
     * The orders on the device without an acknowledged outcome (received, taken, charging, or
     * reported and waiting for the server's ack), as the device lists them: by display code
     * (String order, orders without one last), then by arrival.
     */
    public List<DeviceOrder> pendingOrders() {
        return book.pending();
    }

    /**
     * The order as the device holds it now or, once it left the device, as it left
     * ({@link DeviceOrder.Progress#SETTLED} with its outcome, or {@link DeviceOrder.Progress#WITHDRAWN});
     * empty for an order this agent never saw and its store does not hold.
     */
    public Optional<DeviceOrder> order(String orderId) {
        return book.find(orderId);
    }

    /**
     * The oldest new order that arrived and was not yet returned by this method, waiting up to
     * {@code timeout} for one; the order as it was on arrival. Repeated deliveries of an order are
     * not new orders.
     */
    public Optional<DeviceOrder> awaitOrder(Duration timeout) {
        return book.awaitArrival(timeout);
    }

    /** Waits until {@link #pendingOrders()} is empty; false on timeout or interruption. */
    public boolean awaitNoPendingOrders(Duration timeout) {
        return book.awaitEmpty(timeout);
    }

    /**
     * The id of every order this agent received, in order of first arrival, each once however
     * often it was delivered. See {@link #timesReceived(String)} for repeated deliveries.
     */
    public List<String> receivedOrderIds() {
        return book.receivedIds();
    }

    /** How many {@code order} messages for {@code orderId} this agent received; 0 if none. */
    public int timesReceived(String orderId) {
        return book.deliveries(orderId);
    }

    /** Every {@code withdraw} message this agent received, in order, repeats included. */
    public List<Withdrawal> withdrawals() {
        return book.withdrawals();
    }

    /**
     * Adds a listener called with each new order once it is stored, acknowledged and handed to the
     * behaviour, with the order as it arrived. Called on the agent's own executor: it must return
     * quickly and must not wait for the agent.
     */
    public TerminalAgent onOrder(Consumer<DeviceOrder> listener) {
        cashier.onArrival(listener);
        return this;
    }

    /**
     * Adds a listener called with an order each time it reaches a new step, from
     * {@link DeviceOrder.Progress#RECEIVED} to {@link DeviceOrder.Progress#SETTLED} or
     * {@link DeviceOrder.Progress#WITHDRAWN}, once the step is stored. Called on the agent's own
     * executor: it must return quickly and must not wait for the agent.
     */
    public TerminalAgent onProgress(Consumer<DeviceOrder> listener) {
        book.onProgress(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** Waits until the agent is in {@code target}; true if it is, false on timeout or interruption. */
    public boolean awaitState(State target, Duration timeout) {
        Objects.requireNonNull(target, "target");
        long deadline = System.nanoTime() + timeout.toNanos();
        stateLock.lock();
        try {
            while (state != target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                stateChanged.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            stateLock.unlock();
        }
    }

    public boolean awaitConnected(Duration timeout) {
        return awaitState(State.CONNECTED, timeout);
    }

    /** Kasa's id of this terminal: from the last {@code welcome}, else from the pairing; empty if never paired. */
    public Optional<String> terminalId() {
        return Optional.ofNullable(terminalId);
    }

    /** How the last connection ended; empty until one has. */
    public Optional<Close> lastClose() {
        return Optional.ofNullable(lastClose);
    }

    public String serialNo() {
        return serialNo;
    }

    public DeviceStore store() {
        return store;
    }

    /**
     * Adds a listener called with each new state, in order, on the agent's own executor: it must
     * return quickly and must not wait for the agent.
     */
    public TerminalAgent onStateChange(Consumer<State> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public String toString() {
        return "TerminalAgent[serialNo=" + serialNo + ", terminalId=" + terminalId + ", state=" + state + "]";
    }

    private void connect() {
        Pairing pairing = loadQuietly().orElse(null);
        if (pairing == null) {
            LOG.log(System.Logger.Level.WARNING, "No pairing in {0}; pair again", store);
            setState(State.UNPAIRED);
            return;
        }
        terminalId = pairing.terminalId();
        Connection connection = new Connection(pairing, events, sink);
        current = connection;
        setState(State.CONNECTING);
        connection.openDeadline = schedule(() -> lost(connection,
                new Close(Close.ABNORMAL, "no welcome within " + openTimeout.toMillis() + " ms")), openTimeout);
        try {
            http.newWebSocketBuilder()
                    .connectTimeout(openTimeout)
                    .buildAsync(pairing.liveUri(), connection)
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            events.execute(() -> lost(connection, new Close(Close.ABNORMAL, describe(error))));
                        }
                    });
        } catch (RuntimeException e) {
            lost(connection, new Close(Close.ABNORMAL, describe(e)));
        }
    }

    private void opened(Connection connection) {
        if (connection != current || connection.ended) {
            connection.abort();
            return;
        }
        ObjectNode hello = JSON.createObjectNode()
                .put("type", "hello")
                .put("token", connection.pairing.deviceToken());
        if (appVersion != null) {
            hello.put("appVersion", appVersion);
        }
        connection.send(JSON.writeValueAsString(hello));
        LOG.log(System.Logger.Level.DEBUG, "Terminal {0}: socket open, hello sent", terminalId);
    }

    private void received(Connection connection, String text) {
        if (connection != current || connection.ended) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException notJson) {
            LOG.log(System.Logger.Level.WARNING, "Terminal {0}: ignoring a server message that is not JSON", terminalId);
            return;
        }
        String type = text(message, "type");
        if (type == null) {
            LOG.log(System.Logger.Level.WARNING, "Terminal {0}: ignoring a server message without a type", terminalId);
            return;
        }
        dispatcher.dispatch(type, message, connection);
    }

    private void welcome(JsonNode message, Connection connection) {
        if (connection.live) {
            LOG.log(System.Logger.Level.DEBUG, "Terminal {0}: ignoring a second welcome", terminalId);
            return;
        }
        connection.live = true;
        connection.liveSince = System.nanoTime();
        connection.heartbeat = seconds(message, "heartbeatSeconds", DEFAULT_HEARTBEAT);
        connection.idleTimeout = seconds(message, "idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT);
        connection.openDeadline.cancel(false);
        String welcomedAs = text(message, "terminalId");
        if (welcomedAs != null) {
            terminalId = welcomedAs;
        }
        long period = connection.heartbeat.toNanos();
        connection.heartbeatTask = Shared.TIMERS.scheduleAtFixedRate(
                () -> events.execute(() -> heartbeat(connection)), period, period, TimeUnit.NANOSECONDS);
        connection.watchdog = schedule(() -> watch(connection), connection.idleTimeout);
        LOG.log(System.Logger.Level.INFO, "Terminal {0} connected (heartbeat {1} s, idle timeout {2} s)",
                terminalId, connection.heartbeat.toSeconds(), connection.idleTimeout.toSeconds());
        setState(State.CONNECTED);
        if (connection == current) {
            cashier.resume();
        }
    }

    private void ping(JsonNode message, Connection connection) {
        ObjectNode pong = JSON.createObjectNode().put("type", "pong");
        JsonNode id = message.get("id");
        if (id != null && !id.isNull()) {
            pong.set("id", id);
        }
        connection.send(JSON.writeValueAsString(pong));
    }

    private void error(JsonNode message, Connection connection) {
        LOG.log(System.Logger.Level.WARNING, "Terminal {0}: server refused a message: {1}: {2}",
                terminalId, text(message, "code"), text(message, "message"));
    }

    private void heartbeat(Connection connection) {
        if (connection != current || connection.ended) {
            return;
        }
        connection.pings++;
        connection.send(JSON.writeValueAsString(JSON.createObjectNode()
                .put("type", "ping")
                .put("id", String.valueOf(connection.pings))));
    }

    /** Ends the connection once the server has been silent for the idle timeout (protocol 2.3). */
    private void watch(Connection connection) {
        if (connection != current || connection.ended) {
            return;
        }
        long silentFor = System.nanoTime() - connection.lastHeard();
        long left = connection.idleTimeout.toNanos() - silentFor;
        if (left <= 0) {
            lost(connection, new Close(Close.ABNORMAL,
                    "server silent for " + connection.idleTimeout.toSeconds() + " s"));
        } else {
            connection.watchdog = schedule(() -> watch(connection), Duration.ofNanos(left));
        }
    }

    /** The server closed the connection with a close frame; the JDK answers it. */
    private void closed(Connection connection, Close close) {
        if (connection != current || connection.ended) {
            return;
        }
        connection.ended = true;
        connection.cancelTimers();
        ended(connection, close);
    }

    /** The connection ended without a close frame from the server, or must end now; drops TCP. */
    private void lost(Connection connection, Close close) {
        if (connection != current || connection.ended) {
            return;
        }
        connection.ended = true;
        connection.abort();
        ended(connection, close);
    }

    private void ended(Connection connection, Close close) {
        current = null;
        lastClose = close;
        LOG.log(System.Logger.Level.INFO, "Terminal {0}: connection ended: {1}", terminalId, close);
        switch (close.code()) {
            case AUTHENTICATION_FAILED, UNPAIRED_BY_SERVER -> rejected(connection, close);
            case REPLACED_BY_NEWER -> setState(State.REPLACED);
            case GOING_AWAY -> {
                // the node is stopping and the service is not: reconnect at once (within the
                // first backoff's jitter), to whichever node takes the connection now
                attempt = 0;
                backOff();
            }
            default -> {
                if (connection.live && System.nanoTime() - connection.liveSince >= connection.heartbeat.toNanos()) {
                    attempt = 0;
                }
                backOff();
            }
        }
    }

    private void rejected(Connection connection, Close close) {
        Optional<Pairing> stored = loadQuietly();
        if (stored.isPresent() && !stored.get().sameCredential(connection.pairing)) {
            LOG.log(System.Logger.Level.INFO, "Terminal {0}: the rejected token was already replaced by a newer pairing",
                    terminalId);
            attempt = 0;
            backOff();
            return;
        }
        try {
            store.forget(connection.pairing);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot remove the rejected pairing from " + store, e);
        }
        LOG.log(System.Logger.Level.WARNING, "Terminal {0} is no longer paired ({1}); a new pair code is needed",
                terminalId, close);
        setState(State.UNPAIRED);
    }

    private void die() {
        cancelReconnect();
        Connection connection = current;
        current = null;
        if (connection != null) {
            connection.ended = true;
            connection.abort();
        }
        silenced.forEach(Connection::abort);
        silenced.clear();
        cashier.powerCut();
        lastClose = new Close(Close.ABNORMAL, Close.CRASHED);
        LOG.log(System.Logger.Level.INFO, "Terminal {0} crashed (test scripting)", terminalId);
        if (state != State.UNPAIRED && state != State.REPLACED) {
            setState(State.STOPPED);
        }
    }

    private void backOff() {
        Duration wait = backoff.delay(attempt, random);
        if (attempt < MAX_ATTEMPT) {
            attempt++;
        }
        setState(State.BACKING_OFF);
        LOG.log(System.Logger.Level.DEBUG, "Terminal {0}: reconnecting in {1} ms", terminalId, wait.toMillis());
        reconnect = schedule(this::reconnect, wait);
    }

    private void reconnect() {
        reconnect = null;
        if (state == State.BACKING_OFF) {
            connect();
        }
    }

    private void cancelReconnect() {
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    private boolean isRunning() {
        return state == State.CONNECTING || state == State.CONNECTED || state == State.BACKING_OFF;
    }

    private void setState(State next) {
        if (state == next) {
            return;
        }
        stateLock.lock();
        try {
            state = next;
            stateChanged.signalAll();
        } finally {
            stateLock.unlock();
        }
        for (Consumer<State> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "State listener failed", e);
            }
        }
    }

    /** Runs {@code task} on the serial executor after {@code delay}. */
    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return Shared.TIMERS.schedule(() -> events.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs a command on the serial executor and waits (bounded) for it and for the stage it returns.
     * Called from the executor itself (a state listener), it runs inline and does not wait.
     */
    private void command(Supplier<? extends CompletionStage<?>> action) {
        if (events.inside()) {
            action.get();
            return;
        }
        CompletableFuture<CompletionStage<?>> ran = new CompletableFuture<>();
        events.execute(() -> {
            try {
                ran.complete(action.get());
            } catch (RuntimeException | Error e) {
                ran.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + COMMAND_WAIT.toNanos();
        try {
            CompletionStage<?> then = ran.get(COMMAND_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            if (then != null) {
                then.toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "Terminal {0}: command still running after {1} s",
                    terminalId, COMMAND_WAIT.toSeconds());
        }
    }

    private Optional<Pairing> loadQuietly() {
        try {
            return store.load();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot read the pairing from " + store, e);
            return Optional.empty();
        }
    }

    private static Duration seconds(JsonNode message, String field, Duration fallback) {
        long seconds = message.path(field).asLong(0);
        return seconds > 0 ? Duration.ofSeconds(seconds) : fallback;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    /** A one-line account of a failure: the exception's simple name and the first message along its causes. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            return "handshake refused with HTTP " + handshake.getResponse().statusCode();
        }
        String name = cause.getClass().getSimpleName();
        for (Throwable next = cause; next != null; next = next.getCause()) {
            String message = next.getMessage();
            if (message != null && !message.isBlank()) {
                return name + ": " + message;
            }
        }
        return name;
    }

    private final class CashierLink implements Cashier.Link {
        @Override
        public boolean send(ObjectNode message) {
            Connection connection = current;
            if (connection == null || !connection.live || connection.ended) {
                return false;
            }
            connection.send(JSON.writeValueAsString(message));
            return true;
        }

        @Override
        public void dropConnection() {
            Connection connection = current;
            if (connection != null) {
                lost(connection, new Close(Close.ABNORMAL, "dropped by device"));
            }
        }

        @Override
        public void crash() {
            die();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
            return TerminalAgent.this.schedule(task, delay);
        }
    }

    private final class ConnectionEvents implements Connection.Events {
        @Override
        public void opened(Connection connection) {
            TerminalAgent.this.opened(connection);
        }

        @Override
        public void received(Connection connection, String text) {
            TerminalAgent.this.received(connection, text);
        }

        @Override
        public void closed(Connection connection, Close close) {
            TerminalAgent.this.closed(connection, close);
        }

        @Override
        public void failed(Connection connection, Throwable error) {
            lost(connection, new Close(Close.ABNORMAL, describe(error)));
        }
    }

    public static final class Builder {

        private URI server;
        private DeviceStore store;
        private String serialNo;
        private String model;
        private String appVersion = TerminalAgent.class.getPackage().getImplementationVersion();
        private HttpClient httpClient;
        private Backoff backoff = Backoff.PROTOCOL;
        private RandomGenerator random;
        private Duration openTimeout = Duration.ofSeconds(10);
        private Duration pairTimeout = Duration.ofSeconds(30);
        private Duration confirmPollInterval = Duration.ofSeconds(2);
        private Duration confirmTimeout = Duration.ofMinutes(30);
        private Behaviour behaviour = Behaviour.approve();

        private Builder() {
        }

        /** The Kasa base URI for {@link #pair(String)}; the live connection uses the server of the stored pairing. */
        public Builder server(URI server) {
            Pairing.checkServer(server);
            this.server = server;
            return this;
        }

        /** Where the pairing is kept; {@link DeviceStore#inMemory()} when not set. */
        public Builder store(DeviceStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Sent as {@code SerialNo} when pairing; required by {@link #pair(String)}. */
        public Builder serialNo(String serialNo) {
            this.serialNo = serialNo;
            return this;
        }

        /** Sent as {@code Model} when pairing; left out when null. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** Sent as {@code AppVersion} when pairing and in {@code hello}; defaults to this jar's version, if known. */
        public Builder appVersion(String appVersion) {
            this.appVersion = appVersion;
            return this;
        }

        /** The client for the pairing call and the live connection; by default one shared by all agents. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Reconnection backoff; the protocol's 0.5 s doubling up to 30 s unless shortened for tests. */
        public Builder backoff(Duration base, Duration cap) {
            this.backoff = new Backoff(base, cap);
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** The source of reconnection jitter; a process-wide {@link Random} by default. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How long opening a connection may take, from TCP connect to {@code welcome}; 10 s by default. */
        public Builder openTimeout(Duration openTimeout) {
            this.openTimeout = positive(openTimeout, "openTimeout");
            return this;
        }

        /** How long the pairing call may take; 30 s by default. */
        public Builder pairTimeout(Duration pairTimeout) {
            this.pairTimeout = positive(pairTimeout, "pairTimeout");
            return this;
        }

        /** How often an agent waiting for an async pairing's confirmation asks for it; 2 s by default. */
        public Builder confirmPollInterval(Duration confirmPollInterval) {
            this.confirmPollInterval = positive(confirmPollInterval, "confirmPollInterval");
            return this;
        }

        /** How long an agent waits for an async pairing's confirmation at most; 30 min by default. */
        public Builder confirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = positive(confirmTimeout, "confirmTimeout");
            return this;
        }

        /**
         * How the agent handles each new order; {@link Behaviour#approve()} by default. See
         * {@link TerminalAgent#behave(Behaviour)}.
         */
        public Builder behaviour(Behaviour behaviour) {
            this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        public TerminalAgent build() {
            return new TerminalAgent(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
