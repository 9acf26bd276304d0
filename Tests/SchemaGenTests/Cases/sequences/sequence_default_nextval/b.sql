CREATE SEQUENCE ticket_no;
CREATE TABLE tickets (no bigint DEFAULT nextval('ticket_no'), code text);
