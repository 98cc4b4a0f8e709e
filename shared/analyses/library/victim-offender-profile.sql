-- Victims and offenders (distinct people) by age band and sex.
WITH people AS (
  SELECT DISTINCT p.role, p.person_id, p.age, coalesce(p.sex, 'Not recorded') AS sex
  FROM crime_people p JOIN crimes c USING (crime_ref)
  WHERE c.recorded_date BETWEEN $from AND $to AND c.district_code IN (SELECT code FROM area_districts)
),
banded AS (
  SELECT role, sex,
         CASE WHEN age IS NULL THEN 'Not recorded' WHEN age < 10 THEN '0-9' WHEN age < 18 THEN '10-17' WHEN age < 25 THEN '18-24'
              WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' ELSE '65+' END AS age_band
  FROM people
)
SELECT role, age_band, sex, count(*) AS count, 100.0 * count(*) / sum(count(*)) OVER (PARTITION BY role) AS pct
FROM banded GROUP BY role, age_band, sex ORDER BY role DESC, age_band, sex
