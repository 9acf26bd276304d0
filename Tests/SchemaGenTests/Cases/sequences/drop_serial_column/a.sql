CREATE TABLE logs (id serial, message text);
