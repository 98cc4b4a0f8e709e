-- Other police incidents per resident population, area vs comparator; high-risk missing persons as their own row.
WITH period AS (
  SELECT incident_type, risk_level, district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM incidents WHERE reported_date BETWEEN $from AND $to
    -- Children's social-care records are rates per child, in children-rates.
    AND incident_type NOT IN ('Child protection plan', 'Looked-after child')
),
counts AS (
  SELECT incident_type, count(*) FILTER (WHERE in_area) AS area_count, count(*) FILTER (WHERE in_comparator) AS comparator_count FROM period GROUP BY incident_type
  UNION ALL
  SELECT incident_type || ' (high risk)', count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_comparator)
  FROM period WHERE lower(risk_level) = 'high' GROUP BY incident_type
),
rates AS (
  SELECT c.*, c.area_count / p.area_population * $per AS area_rate,
         rate_lower(c.area_count, p.area_population, $per, $confidence) AS area_rate_lower,
         rate_upper(c.area_count, p.area_population, $per, $confidence) AS area_rate_upper,
         c.comparator_count / p.comparator_population * $per AS comparator_rate
  FROM counts c, populations p
)
SELECT incident_type, area_count, area_rate, area_rate_lower, area_rate_upper, comparator_count, comparator_rate,
       fingertips_compare(area_rate_lower, area_rate_upper, comparator_rate) AS comparison
FROM rates ORDER BY incident_type
