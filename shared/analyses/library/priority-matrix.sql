-- The priority matrix: for every district of the comparator (the force) and every candidate priority, whether the
-- data marks it out — a measure significantly higher than the force, or significantly rising on the 12 months before —
-- with the figures behind each cell, so that "which priorities for which CSP" can be traced to its numbers.
-- The periods, measures and events are priority_window, priority_measures and priority_events, made by the runner
-- (shared/analyses/relations/) and read alike by priority-profiles, priority-matrix and priority-summary.
WITH years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa'),
residents AS (
  SELECT g.district_code, any_value(g.district_name) AS district_name, sum(p.count) AS population
  FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
  WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest) AND g.district_code IN (SELECT code FROM comparator_districts)
  GROUP BY g.district_code
),
counts AS (
  SELECT p.priority_ord, p.priority, p.measure_ord, p.measure, r.district_code, r.district_name, r.population,
         (SELECT count(*) FROM priority_events e, priority_window b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.district_code = r.district_code AND e.day >= b.current_start) AS current,
         (SELECT count(*) FROM priority_events e, priority_window b WHERE e.priority_ord = p.priority_ord AND e.measure_ord = p.measure_ord AND e.district_code = r.district_code AND e.day < b.current_start) AS previous
  FROM priority_measures p CROSS JOIN residents r
),
judged AS (
  SELECT *, current / population * $per AS rate,
         sum(current) OVER (PARTITION BY priority_ord, measure_ord) / sum(population) OVER (PARTITION BY priority_ord, measure_ord) * $per AS force_rate,
         rate_lower(current, population, $per, $confidence) AS lower, rate_upper(current, population, $per, $confidence) AS upper,
         rate_ratio_lower(current, population, previous, population, $confidence) AS ratio_lower,
         rate_ratio_upper(current, population, previous, population, $confidence) AS ratio_upper
  FROM counts
),
marked AS (
  SELECT *, fingertips_compare(lower, upper, force_rate) = 'Higher' AS higher, ratio_lower > 1 AS rising,
         -- A rate on fewer than 10 events is not written out: with the district's population it gives the count back.
         measure || ': ' || CASE WHEN current BETWEEN 1 AND 9 THEN 'fewer than 10 events' ELSE printf('%.1f', rate) END || ' against ' || printf('%.1f', force_rate)
           || CASE WHEN previous > 0 AND NOT (current BETWEEN 1 AND 9 OR previous BETWEEN 1 AND 9) THEN ', ' || printf('%+.0f', 100.0 * (current - previous) / previous) || '%' ELSE '' END
           || CASE WHEN fingertips_compare(lower, upper, force_rate) = 'Higher' THEN ', higher' ELSE '' END
           || CASE WHEN ratio_lower > 1 THEN ', rising' ELSE '' END AS evidence
  FROM judged
)
SELECT district_code, district_name, priority,
       CASE WHEN bool_or(higher AND rising) THEN 'Higher and rising' WHEN bool_or(higher) AND bool_or(rising) THEN 'Higher and rising'
            WHEN bool_or(higher) THEN 'Higher than the force' WHEN bool_or(rising) THEN 'Rising' ELSE 'Not marked out' END AS status,
       count(*) FILTER (WHERE higher) AS measures_higher, count(*) FILTER (WHERE rising) AS measures_rising,
       string_agg(evidence, '; ' ORDER BY measure_ord) AS evidence,
       district_code IN (SELECT code FROM area_districts) AS is_area
FROM marked
GROUP BY district_code, district_name, priority_ord, priority
ORDER BY district_name, priority_ord
