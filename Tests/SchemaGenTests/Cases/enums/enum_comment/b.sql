CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
COMMENT ON TYPE mood IS 'how the writer felt';
