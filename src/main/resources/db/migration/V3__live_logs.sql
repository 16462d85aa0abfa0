-- Live logs: each host's stack.sh log (masked) stored in chunks while the run goes, one log per attempt.
-- A chunk's byte_offset is where its UTF-8 bytes start in that attempt's log; the chunks of one log are
-- contiguous, so a Range request reads only the chunks it covers. The primary key keeps a chunk from being
-- stored twice. run_logs (V1) stays for the logs of runs from before live logs.

create table run_log_chunks (
  run_id varchar(64) not null,
  host varchar(200) not null,
  attempt int not null,
  byte_offset bigint not null,
  byte_length int not null,
  content text not null,
  primary key (run_id, host, attempt, byte_offset)
);
