CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
CREATE TABLE diaries (id int PRIMARY KEY, moods mood[] DEFAULT '{}');
