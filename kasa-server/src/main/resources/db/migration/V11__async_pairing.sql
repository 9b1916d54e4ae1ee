-- Async pairing (Paywall's two-step pairing). An async request shares pair_request, and so
-- the live-code space and the one-pending-request-per-terminal rule, with sync requests.
-- The device that enters an async code claims the request (CLAIMED): its description and
-- the hash of the token it was given are kept here, and the terminal is paired (a
-- terminal_pairing row with that token hash) only when the merchant confirms.
alter table pair_request
    add column mode              varchar(5)  not null default 'SYNC' check (mode in ('SYNC', 'ASYNC')),
    add column claimed_at        timestamptz,
    add column serial_no         varchar(50),
    add column model             varchar(50),
    add column app_version       varchar(25),
    add column device_token_hash bytea unique;

alter table pair_request drop constraint pair_request_status_check;
alter table pair_request add constraint pair_request_status_check
    check (status in ('PENDING', 'CLAIMED', 'COMPLETED', 'EXPIRED', 'CANCELLED'));
alter table pair_request add constraint pair_request_claim_is_async
    check (status <> 'CLAIMED' or (mode = 'ASYNC' and claimed_at is not null and serial_no is not null
                                   and device_token_hash is not null));

-- A claimed request still waits for its terminal: a newer request replaces it like a pending one.
drop index pair_request_pending_terminal;
create unique index pair_request_pending_terminal on pair_request (terminal_id) where status in ('PENDING', 'CLAIMED');
