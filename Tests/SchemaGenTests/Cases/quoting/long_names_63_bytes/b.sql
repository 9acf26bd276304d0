CREATE TABLE a_table_with_a_really_long_name_that_is_exactly_sixty_three_xx (
  a_column_with_a_really_long_name_that_is_exactly_sixty_three_yy int PRIMARY KEY,
  other int UNIQUE
);
