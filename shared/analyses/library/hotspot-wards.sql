-- Ward rates for a chosen measure, ranked, with mean + 1 SD / + 2 SD flags across the area's wards.
WITH events AS (
  SELECT ward_code FROM crimes
  WHERE recorded_date BETWEEN $from AND $to AND $measure_kind IN ('crime', 'offence_group', 'offence_subgroup', 'flag')
    AND CASE $measure_kind
      WHEN 'crime' THEN true
      WHEN 'offence_group' THEN offence_group = $measure
      WHEN 'offence_subgroup' THEN offence_subgroup = $measure
      ELSE CASE $measure WHEN 'domestic' THEN domestic WHEN 'alcohol' THEN alcohol WHEN 'drugs' THEN drugs WHEN 'hate' THEN hate
        WHEN 'vawg' THEN vawg WHEN 'cse' THEN cse WHEN 'knife' THEN knife WHEN 'public_place' THEN public_place
        WHEN 'business' THEN business WHEN 'vehicle_taken' THEN vehicle_taken ELSE false END END
  UNION ALL
  SELECT ward_code FROM asb
  WHERE reported_date BETWEEN $from AND $to AND ($measure_kind = 'asb' OR ($measure_kind = 'asb_category' AND category = $measure))
  UNION ALL
  SELECT ward_code FROM incidents
  WHERE reported_date BETWEEN $from AND $to
    AND (($measure_kind = 'incident_type' AND incident_type = $measure) OR ($measure_kind = 'incident_high_risk' AND incident_type = $measure AND lower(risk_level) = 'high'))
),
counts AS (
  SELECT w.ward_code, w.ward_name, w.population, (SELECT count(*) FROM events e WHERE e.ward_code = w.ward_code) AS count FROM ward_populations w
),
spread AS (
  SELECT *, count / population * $per AS rate,
         avg(count / population * $per) OVER () AS mean_rate,
         CASE WHEN $sd_method = 'population' THEN stddev_pop(count / population * $per) OVER () ELSE stddev_samp(count / population * $per) OVER () END AS sd_rate
  FROM counts
)
SELECT ward_code, ward_name, (SELECT measure FROM measure_label) AS measure,
       count, population, rate, mean_rate, sd_rate,
       CASE WHEN rate > mean_rate + 2 * sd_rate THEN 'Significantly above average' WHEN rate > mean_rate + sd_rate THEN 'Above average' END AS flag,
       $sd_method AS sd_method
FROM spread ORDER BY rate DESC, ward_name
