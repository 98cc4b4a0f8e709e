-- Rates of recorded crime: area vs comparator, by group, subgroup and in total.
WITH period_crimes AS (
  SELECT offence_group, offence_subgroup,
         district_code IN (SELECT code FROM area_districts) AS in_area,
         district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crimes
  WHERE recorded_date BETWEEN $from AND $to
),
counts AS (
  SELECT 0 AS level, 'Total Recorded Crime' AS offence_group, NULL::VARCHAR AS offence_subgroup,
         count(*) FILTER (WHERE in_area) AS area_count, count(*) FILTER (WHERE in_comparator) AS comparator_count
  FROM period_crimes
  UNION ALL
  SELECT 1, offence_group, NULL, count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_comparator)
  FROM period_crimes GROUP BY offence_group
  UNION ALL
  SELECT 2, offence_group, offence_subgroup, count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_comparator)
  FROM period_crimes WHERE offence_subgroup IS NOT NULL GROUP BY offence_group, offence_subgroup
),
rates AS (
  SELECT c.*,
         c.area_count / p.area_population * $per AS area_rate,
         rate_lower(c.area_count, p.area_population, $per, $confidence) AS area_rate_lower,
         rate_upper(c.area_count, p.area_population, $per, $confidence) AS area_rate_upper,
         c.comparator_count / p.comparator_population * $per AS comparator_rate
  FROM counts c, populations p
)
SELECT offence_group, offence_subgroup, area_count, area_rate, area_rate_lower, area_rate_upper,
       comparator_count, comparator_rate,
       fingertips_compare(area_rate_lower, area_rate_upper, comparator_rate) AS comparison
FROM rates
ORDER BY level = 0 DESC, offence_group, level, offence_subgroup
