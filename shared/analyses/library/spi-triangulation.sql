-- Correlations across the area's wards between SPI measures and crime, ASB and survey results.
-- The measures are spi_ward_measures (made by the runner from shared/analyses/relations/), as spi-ward-values lists them.
WITH spi_scores AS (SELECT ward_code, measure, value FROM spi_ward_measures WHERE source = 'spi'),
others AS (SELECT ward_code, measure, value FROM spi_ward_measures WHERE source = 'data'),
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
