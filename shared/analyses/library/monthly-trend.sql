-- Monthly counts for the 24 months to $to, with the mean of the latest 12 months at each month (the rolling
-- 12-month line), for recorded crime, domestic abuse and ASB. The rolling mean needs 12 months of data: it is empty
-- for months with fewer before them.
WITH bounds AS (
  SELECT date_trunc('month', CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS first_month,
         date_trunc('month', CAST($to AS DATE) + 1 - INTERVAL 35 MONTH)::DATE AS window_start,
         CAST($to AS DATE) AS last_day
),
events AS (
  SELECT 1 AS ord, 'Total recorded crime' AS measure, recorded_date AS day FROM crimes WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 2, 'Domestic abuse', recorded_date FROM crimes WHERE domestic AND district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 3, 'Anti-social behaviour', reported_date FROM asb WHERE district_code IN (SELECT code FROM area_districts)
),
months AS (
  SELECT m::DATE AS month FROM bounds b, range(b.window_start, b.last_day, INTERVAL 1 MONTH) AS t(m)
),
measures AS (SELECT DISTINCT ord, measure FROM events),
-- The first month any event of the measure was recorded: months before it are outside the data, not zeros.
coverage AS (SELECT ord, date_trunc('month', min(day))::DATE AS first_seen FROM events GROUP BY ord),
counts AS (
  SELECT ms.ord, ms.measure, mo.month, mo.month >= c.first_seen AS covered,
         (SELECT count(*) FROM events e WHERE e.ord = ms.ord AND date_trunc('month', e.day) = mo.month) AS count
  FROM measures ms CROSS JOIN months mo JOIN coverage c USING (ord)
),
rolled AS (
  SELECT *,
         CASE WHEN count(*) FILTER (WHERE covered) OVER w = 12 THEN avg(count) OVER w END AS rolling_mean_12
  FROM counts
  WINDOW w AS (PARTITION BY ord ORDER BY month ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
)
SELECT strftime(month, '%Y-%m') AS month, measure, CASE WHEN covered THEN count END AS count, rolling_mean_12
FROM rolled, bounds b WHERE month >= b.first_month
ORDER BY ord, month
