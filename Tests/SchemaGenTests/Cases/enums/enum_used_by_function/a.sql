CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
