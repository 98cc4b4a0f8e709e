-- Repeat offenders: people linked as offenders to at least $min_crimes crimes in the area and period, by cohort.
-- $repeat_scope decides which crimes count towards repeat status: all the area's crimes (the assessment's
-- definition), or only the cohort's own.
WITH area_crimes AS (
  SELECT * FROM crimes WHERE recorded_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM area_districts)
),
links AS (
  SELECT DISTINCT c.crime_ref, p.person_id, p.age, c.domestic, c.drugs, c.alcohol, c.offence_group
  FROM crime_people p JOIN area_crimes c USING (crime_ref) WHERE p.role = 'offender'
),
offenders AS (SELECT person_id, count(DISTINCT crime_ref) AS all_crimes FROM links GROUP BY person_id),
cohorts AS (
  SELECT 1 AS ord, 'All crime' AS cohort, l.* FROM links l
  UNION ALL SELECT 2, 'Domestic abuse', l.* FROM links l WHERE domestic
  UNION ALL SELECT 3, 'Youth offenders (under 18)', l.* FROM links l WHERE age < 18
  UNION ALL SELECT 4, 'Drug-related crime', l.* FROM links l WHERE drugs
  UNION ALL SELECT 4, 'Not drug-related', l.* FROM links l WHERE person_id NOT IN (SELECT person_id FROM links WHERE drugs)
  UNION ALL SELECT 5, 'Alcohol-related crime', l.* FROM links l WHERE alcohol
  UNION ALL SELECT 10, offence_group, l.* FROM links l
),
marked AS (
  SELECT c.*, CASE WHEN $repeat_scope = 'cohort' THEN count(DISTINCT c.crime_ref) OVER (PARTITION BY c.ord, c.cohort, c.person_id) ELSE o.all_crimes END >= $min_crimes AS is_repeat
  FROM cohorts c JOIN offenders o USING (person_id)
)
SELECT cohort,
       count(DISTINCT person_id) AS offenders,
       count(DISTINCT person_id) FILTER (WHERE is_repeat) AS repeat_offenders,
       100.0 * count(DISTINCT person_id) FILTER (WHERE is_repeat) / count(DISTINCT person_id) AS pct_repeat_offenders,
       count(DISTINCT crime_ref) AS crimes,
       count(DISTINCT crime_ref) FILTER (WHERE is_repeat) AS crimes_by_repeat_offenders,
       100.0 * count(DISTINCT crime_ref) FILTER (WHERE is_repeat) / count(DISTINCT crime_ref) AS pct_crimes_by_repeat_offenders
FROM marked GROUP BY ord, cohort ORDER BY ord, cohort
