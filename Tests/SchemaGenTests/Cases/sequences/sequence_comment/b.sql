CREATE SEQUENCE s;
COMMENT ON SEQUENCE s IS 'hands out order numbers';
