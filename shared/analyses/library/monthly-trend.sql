-- Monthly counts for the 24 months to $to, with the mean of the latest 12 months at each month (the rolling
-- 12-month line), for recorded crime, domestic abuse and ASB. Months outside the data are empty, not zero; a month
-- the period or the data covers only in part is counted to the day covered and marked; the rolling mean needs 12
-- whole months of data.
WITH bounds AS (
  SELECT date_trunc('month', CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS first_month,
         date_trunc('month', CAST($to AS DATE) + 1 - INTERVAL 35 MONTH)::DATE AS window_start,
         CAST($to AS DATE) AS last_day
),
-- Each dataset's extent: first to last event, to the end of the last month for monthly data (police.uk's 1st).
extents AS (
  SELECT 'crimes' AS source, min(recorded_date) AS first_day,
         CASE WHEN bool_and(day(recorded_date) = 1) THEN last_day(max(recorded_date)) ELSE max(recorded_date) END AS last_day FROM crimes
  UNION ALL SELECT 'asb', min(reported_date), CASE WHEN bool_and(day(reported_date) = 1) THEN last_day(max(reported_date)) ELSE max(reported_date) END FROM asb
),
events AS (
  SELECT 1 AS ord, 'Total recorded crime' AS measure, 'crimes' AS source, recorded_date AS day FROM crimes WHERE district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 2, 'Domestic abuse', 'crimes', recorded_date FROM crimes WHERE domestic AND district_code IN (SELECT code FROM area_districts)
  UNION ALL SELECT 3, 'Anti-social behaviour', 'asb', reported_date FROM asb WHERE district_code IN (SELECT code FROM area_districts)
),
months AS (
  -- Through the month holding $to, even when $to is its first day.
  SELECT m::DATE AS month FROM bounds b, range(b.window_start, b.last_day + 1, INTERVAL 1 MONTH) AS t(m)
),
measures AS (SELECT * FROM (VALUES (1, 'Total recorded crime', 'crimes'), (2, 'Domestic abuse', 'crimes'), (3, 'Anti-social behaviour', 'asb')) v(ord, measure, source)),
spans AS (
  -- The days of each month that both the period (to $to) and the data cover.
  SELECT ms.ord, ms.measure, mo.month, greatest(mo.month, x.first_day) AS span_start, least(last_day(mo.month), x.last_day, b.last_day) AS span_end
  FROM measures ms JOIN extents x USING (source) CROSS JOIN months mo, bounds b
),
counts AS (
  SELECT s.ord, s.measure, s.month, s.span_start, s.span_end,
         s.span_start <= s.span_end AS covered,
         s.span_start = s.month AND s.span_end = last_day(s.month) AS whole,
         (SELECT count(*) FROM events e WHERE e.ord = s.ord AND e.day BETWEEN s.span_start AND s.span_end) AS count
  FROM spans s
),
rolled AS (
  SELECT *,
         CASE WHEN count(*) FILTER (WHERE whole) OVER w = 12 THEN avg(count) OVER w END AS rolling_mean_12
  FROM counts
  WINDOW w AS (PARTITION BY ord ORDER BY month ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
)
SELECT strftime(month, '%Y-%m') AS month, measure, CASE WHEN covered THEN count END AS count, rolling_mean_12,
       CASE WHEN covered AND NOT whole THEN 'Part month: ' || strftime(span_start, '%-d') || '–' || strftime(span_end, '%-d %B %Y') END AS part_month
FROM rolled, bounds b WHERE month >= b.first_month
ORDER BY ord, month
