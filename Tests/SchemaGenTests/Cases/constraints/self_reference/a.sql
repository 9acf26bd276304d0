CREATE TABLE employees (id serial PRIMARY KEY, manager_id int);
