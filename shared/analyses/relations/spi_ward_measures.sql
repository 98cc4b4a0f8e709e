-- The measures each of the area's wards is triangulated on: its SPI component and dimension scores (source 'spi',
-- the latest year), and (source 'data') its recorded crime and ASB per 1,000 residents in the period and its survey
-- results, the % answering positively with the survey's base rule as survey-results applies it (from $min_base
-- answers up). base is the count a value is built on, for suppression; an SPI score has none.
WITH wards AS (SELECT ward_code, ward_name, population FROM ward_populations)
SELECT w.ward_code, 'spi' AS source, coalesce(s.component, s.dimension) AS measure, s.score AS value, NULL::BIGINT AS base
FROM spi s JOIN wards w ON (s.area_code = w.ward_code OR lower(s.area_name) = lower(w.ward_name))
WHERE s.indicator IS NULL AND s.year = (SELECT max(year) FROM spi)
UNION ALL
SELECT ward_code, 'data', measure, n / population * 1000, n FROM (
  SELECT w.ward_code, w.population, 'Recorded crime per 1,000' AS measure,
         (SELECT count(*) FROM crimes c WHERE c.ward_code = w.ward_code AND c.recorded_date BETWEEN $from AND $to) AS n FROM wards w
  UNION ALL
  SELECT w.ward_code, w.population, 'ASB per 1,000', (SELECT count(*) FROM asb a WHERE a.ward_code = w.ward_code AND a.reported_date BETWEEN $from AND $to) FROM wards w
)
UNION ALL
SELECT w.ward_code, 'data', 'Survey: ' || s.question, 100.0 * count(*) FILTER (WHERE r.positive) / count(*), count(*)
FROM survey s JOIN survey_recodes r USING (question, answer) JOIN wards w ON lower(s.ward) = lower(w.ward_name)
WHERE NOT r.excluded GROUP BY w.ward_code, s.question HAVING count(*) >= $min_base
