CREATE TABLE logs (message text);
