-- Children on plans or looked after, per resident under 18, in each of the area's wards, with SD flags.
WITH records AS (
  SELECT ward_code FROM incidents WHERE incident_type = $record_type AND reported_date BETWEEN $from AND $to
),
wards AS (SELECT ward_code, ward_name, count AS under18 FROM child_populations WHERE in_area AND ward_code IS NOT NULL),
rates AS (
  SELECT w.*, (SELECT count(*) FROM records r WHERE r.ward_code = w.ward_code) AS count FROM wards w
),
spread AS (
  SELECT *, count / under18 * $per AS rate,
         avg(count / under18 * $per) OVER () AS mean_rate,
         CASE WHEN $sd_method = 'population' THEN stddev_pop(count / under18 * $per) OVER () ELSE stddev_samp(count / under18 * $per) OVER () END AS sd_rate
  FROM rates
)
SELECT ward_code, ward_name, $record_type AS record_type, count, under18, rate, mean_rate, sd_rate,
       CASE WHEN rate > mean_rate + 2 * sd_rate THEN 'Significantly above average' WHEN rate > mean_rate + sd_rate THEN 'Above average' END AS flag
FROM spread ORDER BY rate DESC, ward_name
