CREATE EXTENSION "uuid-ossp";
CREATE TABLE things (id uuid PRIMARY KEY DEFAULT uuid_generate_v4());
