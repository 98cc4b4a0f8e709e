-- Youth offenders (under 18 at the offence) per resident under 18, area vs comparator.
WITH young AS (
  SELECT DISTINCT p.person_id, c.district_code IN (SELECT code FROM area_districts) AS in_area, c.district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crime_people p JOIN crimes c USING (crime_ref)
  WHERE p.role = 'offender' AND p.age < 18 AND c.recorded_date BETWEEN $from AND $to
),
counts AS (
  SELECT count(DISTINCT person_id) FILTER (WHERE in_area) AS area_count, count(DISTINCT person_id) FILTER (WHERE in_comparator) AS comparator_count FROM young
),
children AS (
  SELECT sum(count) FILTER (WHERE in_area) AS area_under18, sum(count) FILTER (WHERE in_comparator) AS comparator_under18 FROM child_populations
)
SELECT 'Youth offenders (under 18)' AS measure, c.area_count, k.area_under18,
       c.area_count / k.area_under18 * $per AS area_rate,
       rate_lower(c.area_count, k.area_under18, $per, $confidence) AS area_rate_lower,
       rate_upper(c.area_count, k.area_under18, $per, $confidence) AS area_rate_upper,
       c.comparator_count, k.comparator_under18, c.comparator_count / k.comparator_under18 * $per AS comparator_rate,
       fingertips_compare(rate_lower(c.area_count, k.area_under18, $per, $confidence), rate_upper(c.area_count, k.area_under18, $per, $confidence),
                          c.comparator_count / k.comparator_under18 * $per) AS comparison,
       CASE WHEN k.area_under18 IS NULL THEN 'The population has no under-18 age bands for the area: import population by age (0-15 and 16-17, or single years) to give this rate.' END AS warning
FROM counts c, children k
