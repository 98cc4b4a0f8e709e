-- ASB rates: area vs comparator, in total and by category.
WITH period AS (
  SELECT category, district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM asb WHERE reported_date BETWEEN $from AND $to
),
counts AS (
  SELECT 0 AS level, 'Total Anti-social Behaviour' AS category, count(*) FILTER (WHERE in_area) AS area_count, count(*) FILTER (WHERE in_comparator) AS comparator_count FROM period
  UNION ALL
  SELECT 1, category, count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_comparator) FROM period GROUP BY category
),
rates AS (
  SELECT c.*, c.area_count / p.area_population * $per AS area_rate,
         rate_lower(c.area_count, p.area_population, $per, $confidence) AS area_rate_lower,
         rate_upper(c.area_count, p.area_population, $per, $confidence) AS area_rate_upper,
         c.comparator_count / p.comparator_population * $per AS comparator_rate
  FROM counts c, populations p
)
SELECT category, area_count, area_rate, area_rate_lower, area_rate_upper, comparator_count, comparator_rate,
       fingertips_compare(area_rate_lower, area_rate_upper, comparator_rate) AS comparison
FROM rates ORDER BY level, area_count DESC, category
