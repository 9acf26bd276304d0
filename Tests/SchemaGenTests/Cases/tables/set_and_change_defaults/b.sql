CREATE TABLE settings (key text PRIMARY KEY, value text DEFAULT '', updated_at timestamp DEFAULT CURRENT_TIMESTAMP);
