-- An XmR chart of monthly counts for one measure in the area over the $months months to $to: the mean, the natural
-- process limits (mean ± 2.66 × the average moving range) and Making Data Count's signals at each month. From
-- $recalculate_from (a month, 'YYYY-MM') the mean and limits are calculated again from the months since, as after an
-- intervention. Months before the data begins are left out, not counted as zeros.
WITH bounds AS (
  SELECT date_trunc('month', CAST($to AS DATE) + 1 - to_months(CAST($months AS INTEGER)))::DATE AS first_month, CAST($to AS DATE) AS last_day,
         CASE WHEN $recalculate_from = '' OR regexp_full_match($recalculate_from, '\d{4}-(0[1-9]|1[0-2])') THEN $recalculate_from
              ELSE error('recalculate_from must be a month like 2018-10, or empty, not "' || $recalculate_from || '".') END AS recalculate_from
),
events AS (
  SELECT recorded_date AS day FROM crimes
  WHERE district_code IN (SELECT code FROM area_districts) AND $measure_kind IN ('crime', 'offence_group', 'offence_subgroup', 'flag')
    AND CASE $measure_kind
      WHEN 'crime' THEN true
      WHEN 'offence_group' THEN offence_group = $measure
      WHEN 'offence_subgroup' THEN offence_subgroup = $measure
      ELSE CASE $measure WHEN 'domestic' THEN domestic WHEN 'alcohol' THEN alcohol WHEN 'drugs' THEN drugs WHEN 'hate' THEN hate
        WHEN 'vawg' THEN vawg WHEN 'cse' THEN cse WHEN 'knife' THEN knife WHEN 'public_place' THEN public_place
        WHEN 'business' THEN business WHEN 'vehicle_taken' THEN vehicle_taken ELSE false END END
  UNION ALL
  SELECT reported_date FROM asb
  WHERE district_code IN (SELECT code FROM area_districts) AND ($measure_kind = 'asb' OR ($measure_kind = 'asb_category' AND category = $measure))
  UNION ALL
  SELECT reported_date FROM incidents
  WHERE district_code IN (SELECT code FROM area_districts)
    AND (($measure_kind = 'incident_type' AND incident_type = $measure) OR ($measure_kind = 'incident_high_risk' AND incident_type = $measure AND lower(risk_level) = 'high'))
),
-- The first month of the measure's source table: months before it are outside the data.
coverage AS (
  SELECT date_trunc('month', CASE WHEN $measure_kind IN ('asb', 'asb_category') THEN (SELECT min(reported_date) FROM asb)
                                  WHEN $measure_kind IN ('incident_type', 'incident_high_risk') THEN (SELECT min(reported_date) FROM incidents)
                                  ELSE (SELECT min(recorded_date) FROM crimes) END)::DATE AS first_seen
),
months AS (
  SELECT m::DATE AS month FROM bounds b, coverage c, range(greatest(b.first_month, c.first_seen), b.last_day, INTERVAL 1 MONTH) AS t(m)
),
counts AS (
  SELECT mo.month, (SELECT count(*) FROM events e WHERE date_trunc('month', e.day) = mo.month) AS count,
         CASE WHEN b.recalculate_from <> '' AND strftime(mo.month, '%Y-%m') >= b.recalculate_from THEN 2 ELSE 1 END AS phase
  FROM months mo, bounds b
),
ranged AS (
  SELECT *, abs(count - lag(count) OVER (PARTITION BY phase ORDER BY month)) AS moving_range,
         row_number() OVER (PARTITION BY phase ORDER BY month) AS position,
         list(count::DOUBLE) OVER (PARTITION BY phase ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS series
  FROM counts
),
limits AS (
  SELECT *, avg(count) OVER (PARTITION BY phase) AS mean, avg(moving_range) OVER (PARTITION BY phase) AS mr_bar FROM ranged
)
SELECT strftime(month, '%Y-%m') AS month, (SELECT measure FROM measure_label) AS measure,
       count, phase, mean, mr_bar AS average_moving_range,
       mean - 2.66 * mr_bar AS lower_limit, mean + 2.66 * mr_bar AS upper_limit,
       spc_signal(series, position) AS signal
FROM limits ORDER BY month
