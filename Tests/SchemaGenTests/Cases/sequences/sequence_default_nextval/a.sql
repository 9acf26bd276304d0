CREATE TABLE tickets (code text);
