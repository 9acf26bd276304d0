CREATE COLLATION sortable (provider = icu, locale = 'en-u-kn-true');
CREATE TABLE files (id int PRIMARY KEY, name text COLLATE sortable);
