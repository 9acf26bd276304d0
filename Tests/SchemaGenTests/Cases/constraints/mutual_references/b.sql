CREATE TABLE teams (id int PRIMARY KEY, captain_id int);
CREATE TABLE players (id int PRIMARY KEY, team_id int REFERENCES teams (id));
ALTER TABLE teams ADD FOREIGN KEY (captain_id) REFERENCES players (id) DEFERRABLE;
