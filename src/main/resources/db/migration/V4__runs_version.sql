-- Issue 19, cached reads: one number that every change of a run (submit, start, message, end, cancel) bumps
-- in the same transaction, on whichever instance makes it. An instance keeps rendered list pages and list
-- counts with the version they were read at, and one read of this row tells whether they still hold.
-- Heartbeats do not bump it: no answer of the API shows them.

create table runs_version (
  id int primary key,
  version bigint not null
);
insert into runs_version (id, version) values (1, 0);
