-- Ward rates by offence group (and all crime), with mean + 1 SD / + 2 SD flags across the area's wards.
WITH period_crimes AS (
  SELECT ward_code, offence_group FROM crimes
  WHERE recorded_date BETWEEN $from AND $to AND ward_code IN (SELECT ward_code FROM ward_populations)
),
groups AS (SELECT DISTINCT offence_group FROM crimes UNION ALL SELECT 'All crime'),
counts AS (
  SELECT w.ward_code, w.ward_name, g.offence_group, w.population,
         (SELECT count(*) FROM period_crimes c WHERE c.ward_code = w.ward_code AND (g.offence_group = 'All crime' OR c.offence_group = g.offence_group)) AS count
  FROM ward_populations w, groups g
),
rates AS (SELECT *, count / population * $per AS rate FROM counts),
spread AS (
  SELECT *,
         avg(rate) OVER (PARTITION BY offence_group) AS mean_rate,
         CASE WHEN $sd_method = 'population' THEN stddev_pop(rate) OVER (PARTITION BY offence_group)
              ELSE stddev_samp(rate) OVER (PARTITION BY offence_group) END AS sd_rate
  FROM rates
)
SELECT ward_code, ward_name, offence_group, count, population, rate, mean_rate, sd_rate,
       CASE WHEN rate > mean_rate + 2 * sd_rate THEN 'Significantly above average'
            WHEN rate > mean_rate + sd_rate THEN 'Above average' END AS flag,
       $sd_method AS sd_method
FROM spread
ORDER BY offence_group = 'All crime' DESC, offence_group, rate DESC, ward_name
