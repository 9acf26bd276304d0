CREATE TABLE memberships (group_id int NOT NULL, user_id int NOT NULL, role text, PRIMARY KEY (group_id, user_id));
