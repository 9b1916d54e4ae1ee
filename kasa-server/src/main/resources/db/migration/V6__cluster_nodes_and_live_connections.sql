-- The server nodes sharing this database. Each one rewrites its heartbeat every few seconds,
-- in the database's time so that the nodes' own clocks do not matter; a node silent for
-- longer than the node timeout is dead, and its row and live connections are removed.
create table cluster_node (
    id           varchar(64) primary key,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);

-- Where each terminal's live connection is: the node holding it and that node's session.
-- Written when a device authenticates, removed when its connection closes; a row whose
-- node is dead is ignored until it is cleaned or the device connects again elsewhere.
create table live_connection (
    terminal_id  uuid primary key references terminal (id),
    node_id      varchar(64)  not null,
    session_id   varchar(100) not null,
    connected_at timestamptz  not null
);
create index live_connection_node on live_connection (node_id);
