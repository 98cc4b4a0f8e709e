-- Correlations across the area's wards between SPI measures and crime, ASB and survey results.
WITH wards AS (SELECT ward_code, ward_name, population FROM ward_populations),
spi_scores AS (
  SELECT w.ward_code, coalesce(s.component, s.dimension) AS measure, s.score AS value
  FROM spi s JOIN wards w ON (s.area_code = w.ward_code OR lower(s.area_name) = lower(w.ward_name))
  WHERE s.indicator IS NULL AND s.year = (SELECT max(year) FROM spi)
),
others AS (
  SELECT w.ward_code, 'Recorded crime per 1,000' AS measure,
         (SELECT count(*) FROM crimes c WHERE c.ward_code = w.ward_code AND c.recorded_date BETWEEN $from AND $to) / w.population * 1000 AS value FROM wards w
  UNION ALL
  SELECT w.ward_code, 'ASB per 1,000', (SELECT count(*) FROM asb a WHERE a.ward_code = w.ward_code AND a.reported_date BETWEEN $from AND $to) / w.population * 1000 FROM wards w
  UNION ALL
  SELECT w.ward_code, 'Survey: ' || s.question, 100.0 * count(*) FILTER (WHERE r.positive) / count(*)
  FROM survey s JOIN survey_recodes r USING (question, answer) JOIN wards w ON lower(s.ward) = lower(w.ward_name)
  WHERE NOT r.excluded GROUP BY w.ward_code, s.question HAVING count(*) >= $min_base
),
pairs AS (
  SELECT x.measure AS measure_x, y.measure AS measure_y, x.value AS x, y.value AS y
  FROM spi_scores x JOIN others y USING (ward_code) WHERE x.value IS NOT NULL AND y.value IS NOT NULL
),
ranked AS (
  -- Spearman's r uses average ranks for ties.
  SELECT *,
         rank() OVER (PARTITION BY measure_x, measure_y ORDER BY x) + (count(*) OVER (PARTITION BY measure_x, measure_y, x) - 1) / 2.0 AS rx,
         rank() OVER (PARTITION BY measure_x, measure_y ORDER BY y) + (count(*) OVER (PARTITION BY measure_x, measure_y, y) - 1) / 2.0 AS ry
  FROM pairs
)
SELECT measure_x, measure_y, count(*) AS n, corr(x, y) AS pearson_r, corr(rx, ry) AS spearman_r
FROM ranked GROUP BY measure_x, measure_y HAVING count(*) >= 3
ORDER BY measure_x, measure_y
