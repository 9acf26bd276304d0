CREATE SEQUENCE counter_seq AS bigint;
