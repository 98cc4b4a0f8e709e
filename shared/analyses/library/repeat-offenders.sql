-- Repeat offenders: people linked as offenders to at least $min_crimes of the area's crimes in the period, by cohort.
WITH area_crimes AS (
  SELECT * FROM crimes WHERE recorded_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM area_districts)
),
links AS (
  SELECT DISTINCT c.crime_ref, p.person_id, p.age, c.domestic, c.drugs, c.alcohol, c.offence_group
  FROM crime_people p JOIN area_crimes c USING (crime_ref) WHERE p.role = 'offender'
),
offenders AS (SELECT person_id, count(DISTINCT crime_ref) >= $min_crimes AS is_repeat, min(age) AS age FROM links GROUP BY person_id),
cohorts AS (
  SELECT 1 AS ord, 'All crime' AS cohort, l.* FROM links l
  UNION ALL SELECT 2, 'Domestic abuse', l.* FROM links l WHERE domestic
  UNION ALL SELECT 3, 'Youth offenders (under 18)', l.* FROM links l WHERE age < 18
  UNION ALL SELECT 4, 'Drug-related crime', l.* FROM links l WHERE drugs
  UNION ALL SELECT 4, 'Not drug-related', l.* FROM links l WHERE person_id NOT IN (SELECT person_id FROM links WHERE drugs)
  UNION ALL SELECT 5, 'Alcohol-related crime', l.* FROM links l WHERE alcohol
  UNION ALL SELECT 10, offence_group, l.* FROM links l
)
SELECT cohort,
       count(DISTINCT person_id) AS offenders,
       count(DISTINCT person_id) FILTER (WHERE o.is_repeat) AS repeat_offenders,
       100.0 * count(DISTINCT person_id) FILTER (WHERE o.is_repeat) / count(DISTINCT person_id) AS pct_repeat_offenders,
       count(DISTINCT crime_ref) AS crimes,
       count(DISTINCT crime_ref) FILTER (WHERE o.is_repeat) AS crimes_by_repeat_offenders,
       100.0 * count(DISTINCT crime_ref) FILTER (WHERE o.is_repeat) / count(DISTINCT crime_ref) AS pct_crimes_by_repeat_offenders
FROM cohorts JOIN offenders o USING (person_id) GROUP BY ord, cohort ORDER BY ord, cohort
