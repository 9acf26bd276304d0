CREATE FUNCTION clamp(v numeric, lo numeric, hi numeric) RETURNS numeric AS $$
BEGIN
  IF v < lo THEN RETURN lo; END IF;
  IF v > hi THEN RETURN hi; END IF;
  RETURN v;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
