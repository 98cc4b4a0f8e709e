-- Victims and offenders by age band and sex: each person once, as on their most recent record in the area and period.
WITH records AS (
  SELECT p.role, p.person_id, p.age, coalesce(p.sex, 'Not recorded') AS sex, c.recorded_date, c.crime_ref
  FROM crime_people p JOIN crimes c USING (crime_ref)
  WHERE c.recorded_date BETWEEN $from AND $to AND c.district_code IN (SELECT code FROM area_districts)
),
people AS (
  -- A person recorded with different ages or sexes on different crimes is counted once: the latest record decides.
  SELECT role, person_id, age, sex FROM records
  QUALIFY row_number() OVER (PARTITION BY role, person_id ORDER BY recorded_date DESC, crime_ref DESC, age DESC NULLS LAST, sex) = 1
),
banded AS (
  SELECT role, sex,
         CASE WHEN age IS NULL THEN 'Not recorded' WHEN age < 10 THEN '0-9' WHEN age < 18 THEN '10-17' WHEN age < 25 THEN '18-24'
              WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' ELSE '65+' END AS age_band
  FROM people
)
SELECT role, age_band, sex, count(*) AS count, 100.0 * count(*) / sum(count(*)) OVER (PARTITION BY role) AS pct
FROM banded GROUP BY role, age_band, sex ORDER BY role DESC, age_band, sex
