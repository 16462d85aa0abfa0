-- Issue 19, read paths of GET /api/v1/runs: every list is "newest first" (submitted_at desc, id desc),
-- optionally filtered by state or outcome, paged by offset or by a keyset cursor (submitted_at, id).
-- Each filter gets an index whose order is the list's order, so a page is an index walk of page_size
-- rows (backwards) instead of a sort of the whole history, and count(*) of a filter reads one index.
-- One script for PostgreSQL and H2.

drop index runs_submitted_idx;
create index runs_newest_idx on runs (submitted_at, id);

drop index runs_state_idx;
create index runs_state_newest_idx on runs (state, submitted_at, id);

create index runs_outcome_newest_idx on runs (outcome, submitted_at, id);

-- The host filter was "host_names like '%,NAME,%'", which no index can answer: every filtered page and
-- its count read the whole history. run_hosts has one row per (run, host it names), in list order per host.
create table run_hosts (
  host varchar(2000) not null,
  submitted_at timestamp with time zone not null,
  run_id varchar(64) not null,
  primary key (host, run_id)
);
create index run_hosts_newest_idx on run_hosts (host, submitted_at, run_id);

-- the runs recorded before this migration: split host_names (",a,b,") into rows
insert into run_hosts (host, submitted_at, run_id)
with recursive split (run_id, submitted_at, rest, host) as (
  select id, submitted_at, cast(substring(host_names from 2) as varchar(2000)), cast(null as varchar(2000)) from runs
  union all
  select run_id, submitted_at, cast(substring(rest from position(',' in rest) + 1) as varchar(2000)),
         cast(substring(rest from 1 for position(',' in rest) - 1) as varchar(2000))
  from split where position(',' in rest) > 0
)
select distinct host, submitted_at, run_id from split where host is not null and host <> '';
