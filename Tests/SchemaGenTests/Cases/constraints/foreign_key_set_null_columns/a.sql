CREATE TABLE tenants (id serial PRIMARY KEY);
CREATE TABLE users (tenant_id int NOT NULL, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (tenant_id int NOT NULL, id serial PRIMARY KEY, author_id int);
