CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TYPE unused AS ENUM ('x');
