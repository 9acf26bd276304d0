CREATE TYPE status_v1 AS ENUM ('open', 'closed');
CREATE TYPE status_v2 AS ENUM ('open', 'closed', 'archived');
CREATE TABLE tickets (id int PRIMARY KEY, status status_v1 NOT NULL);
