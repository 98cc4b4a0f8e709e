-- Repeat victims by cohort: people linked as victims to at least $min_crimes crimes in the area and period.
-- $repeat_scope decides which crimes count towards repeat status: the cohort's own (the assessment's definition; for
-- domestic stalking, the domestic cohort), or all the area's crimes.
WITH area_crimes AS (
  SELECT crime_ref, offence_group, offence_subgroup, domestic FROM crimes
  WHERE recorded_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM area_districts)
),
links AS (
  SELECT DISTINCT c.crime_ref, p.person_id, c.offence_group, c.offence_subgroup, c.domestic
  FROM crime_people p JOIN area_crimes c USING (crime_ref) WHERE p.role = 'victim'
),
-- cohort: the crimes counted; within: the crimes that decide who is a repeat victim.
cohorts AS (
  SELECT 1 AS ord, 'All crime' AS cohort, l.*, true AS counted FROM links l
  UNION ALL SELECT 2, 'Domestic abuse', l.*, true FROM links l WHERE domestic
  UNION ALL SELECT 3, 'Domestic stalking and harassment', l.*, offence_subgroup = 'Stalking and Harassment' FROM links l WHERE domestic
  UNION ALL SELECT 10, offence_group, l.*, true FROM links l
),
people AS (SELECT ord, cohort, person_id, count(DISTINCT crime_ref) AS n FROM cohorts GROUP BY ALL),
everything AS (SELECT person_id, count(DISTINCT crime_ref) AS n FROM links GROUP BY person_id),
marked AS (
  SELECT c.ord, c.cohort, c.crime_ref, c.person_id, CASE WHEN $repeat_scope = 'all crime' THEN e.n ELSE p.n END >= $min_crimes AS is_repeat
  FROM cohorts c JOIN people p USING (ord, cohort, person_id) JOIN everything e USING (person_id) WHERE c.counted
)
SELECT cohort,
       count(DISTINCT person_id) AS victims,
       count(DISTINCT person_id) FILTER (WHERE is_repeat) AS repeat_victims,
       100.0 * count(DISTINCT person_id) FILTER (WHERE is_repeat) / count(DISTINCT person_id) AS pct_repeat_victims,
       count(DISTINCT crime_ref) AS crimes,
       count(DISTINCT crime_ref) FILTER (WHERE is_repeat) AS crimes_against_repeat_victims,
       100.0 * count(DISTINCT crime_ref) FILTER (WHERE is_repeat) / count(DISTINCT crime_ref) AS pct_crimes_against_repeat_victims
FROM marked GROUP BY ord, cohort ORDER BY ord, cohort
