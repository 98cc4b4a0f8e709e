-- Rates of flagged crime: each flag's crimes per resident population, area vs comparator.
WITH period_crimes AS (
  SELECT domestic, alcohol, drugs, hate, vawg, cse, knife, public_place, business, vehicle_taken,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crimes WHERE recorded_date BETWEEN $from AND $to
),
-- One row per crime and flag; a flag never set (or unknown everywhere) in the data has no row rather than a zero.
flagged AS (
  UNPIVOT period_crimes ON domestic, alcohol, drugs, hate, vawg, cse, knife, public_place, business, vehicle_taken INTO NAME flag VALUE is_set
),
labels AS (
  SELECT * FROM (VALUES (1, 'domestic', 'Domestic abuse'), (2, 'alcohol', 'Alcohol-related'), (3, 'drugs', 'Drug-related'), (4, 'hate', 'Hate crime'),
    (5, 'vawg', 'Violence against women and girls'), (6, 'cse', 'Child sexual exploitation'), (7, 'knife', 'Knife crime'),
    (8, 'public_place', 'Public place'), (9, 'business', 'Against a business'), (10, 'vehicle_taken', 'Vehicle taken')) v(ord, flag, label)
),
counts AS (
  SELECT l.ord, l.label, count(*) FILTER (WHERE f.in_area AND f.is_set) AS area_count, count(*) FILTER (WHERE f.in_comparator AND f.is_set) AS comparator_count
  FROM flagged f JOIN labels l USING (flag) GROUP BY l.ord, l.label HAVING bool_or(f.is_set)
)
SELECT c.label AS flag, c.area_count,
       c.area_count / p.area_population * $per AS area_rate,
       rate_lower(c.area_count, p.area_population, $per, $confidence) AS area_rate_lower,
       rate_upper(c.area_count, p.area_population, $per, $confidence) AS area_rate_upper,
       c.comparator_count, c.comparator_count / p.comparator_population * $per AS comparator_rate,
       fingertips_compare(rate_lower(c.area_count, p.area_population, $per, $confidence), rate_upper(c.area_count, p.area_population, $per, $confidence),
                          c.comparator_count / p.comparator_population * $per) AS comparison
FROM counts c, populations p ORDER BY c.ord
