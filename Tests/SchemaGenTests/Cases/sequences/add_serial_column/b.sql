CREATE TABLE logs (message text, seq serial);
