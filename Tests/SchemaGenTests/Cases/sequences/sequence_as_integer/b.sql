CREATE SEQUENCE counter_seq AS integer;
