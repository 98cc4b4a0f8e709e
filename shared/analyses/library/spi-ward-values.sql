-- Each ward's SPI component and dimension scores beside its crime and ASB rates and survey results: the points
-- behind the correlations of spi-triangulation, one row per ward and measure.
WITH wards AS (SELECT ward_code, ward_name, population FROM ward_populations),
spi_scores AS (
  SELECT w.ward_code, 'SPI: ' || coalesce(s.component, s.dimension) AS measure, s.score AS value, NULL::BIGINT AS base
  FROM spi s JOIN wards w ON (s.area_code = w.ward_code OR lower(s.area_name) = lower(w.ward_name))
  WHERE s.indicator IS NULL AND s.year = (SELECT max(year) FROM spi)
),
others AS (
  SELECT ward_code, measure, n / population * 1000 AS value, n AS base FROM (
    SELECT w.ward_code, w.population, 'Recorded crime per 1,000' AS measure,
           (SELECT count(*) FROM crimes c WHERE c.ward_code = w.ward_code AND c.recorded_date BETWEEN $from AND $to) AS n FROM wards w
    UNION ALL
    SELECT w.ward_code, w.population, 'ASB per 1,000', (SELECT count(*) FROM asb a WHERE a.ward_code = w.ward_code AND a.reported_date BETWEEN $from AND $to) FROM wards w
  )
  UNION ALL
  -- The survey's base rule, as survey-results applies it: a ward's answers are shown only from min_base up.
  SELECT w.ward_code, 'Survey: ' || s.question, 100.0 * count(*) FILTER (WHERE r.positive) / count(*), count(*)
  FROM survey s JOIN survey_recodes r USING (question, answer) JOIN wards w ON lower(s.ward) = lower(w.ward_name)
  WHERE NOT r.excluded GROUP BY w.ward_code, s.question HAVING count(*) >= $min_base
)
SELECT v.ward_code, w.ward_name, v.measure, v.value, v.base
FROM (SELECT * FROM others UNION ALL SELECT * FROM spi_scores) v JOIN wards w USING (ward_code)
WHERE v.value IS NOT NULL
ORDER BY v.measure, w.ward_name
