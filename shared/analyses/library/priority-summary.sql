-- The summary of priorities for the area: each candidate priority (and the analyst's own) with the grades saved for
-- the area on MoRiLE's scales, its score, and what the data shows — its measures significantly higher than the
-- comparator (the force) or significantly rising on the 12 months before, in the 12 months to the period's end.
-- The periods, measures and events are priority_window, priority_measures and priority_events, made by the runner
-- (shared/analyses/relations/) and read alike by priority-profiles, priority-matrix and priority-summary.
WITH counts AS (
  SELECT p.priority_ord, p.priority, p.measure_ord, p.measure,
         count(e.day) FILTER (WHERE e.day >= b.current_start AND e.district_code IN (SELECT code FROM area_districts)) AS current,
         count(e.day) FILTER (WHERE e.day < b.current_start AND e.district_code IN (SELECT code FROM area_districts)) AS previous,
         count(e.day) FILTER (WHERE e.day >= b.current_start AND e.district_code IN (SELECT code FROM comparator_districts)) AS comparator_count
  FROM priority_measures p LEFT JOIN priority_events e USING (priority_ord, measure_ord), priority_window b GROUP BY ALL
),
marked AS (
  SELECT c.*,
         fingertips_compare(rate_lower(current, pop.area_population, $per, $confidence), rate_upper(current, pop.area_population, $per, $confidence), comparator_count / pop.comparator_population * $per) = 'Higher' AS higher,
         rate_ratio_lower(current, pop.area_population, previous, pop.area_population, $confidence) > 1 AS rising
  FROM counts c, populations pop
),
data_view AS (
  SELECT priority_ord, priority,
         string_agg(measure, ', ' ORDER BY measure_ord) FILTER (WHERE higher) AS higher_measures,
         string_agg(measure, ', ' ORDER BY measure_ord) FILTER (WHERE rising) AS rising_measures
  FROM marked GROUP BY priority_ord, priority
),
-- The area's name as the grades were saved under it: the district, CSP or force whose districts are exactly the area's.
names AS (
  SELECT lower(name) AS name FROM (
    SELECT district_name AS name, district_code FROM geography UNION SELECT csp_name, district_code FROM geography UNION SELECT force_name, district_code FROM geography
  ) WHERE name IS NOT NULL GROUP BY name
  HAVING list(DISTINCT district_code ORDER BY district_code) = (SELECT list(code ORDER BY code) FROM area_districts)
),
saved AS (
  SELECT CAST(grades_json AS JSON) AS doc, version, saved_by, saved_at FROM csw_meta.priority_grades
  WHERE lower(area) IN (SELECT name FROM names) ORDER BY version DESC LIMIT 1
),
graded AS (
  SELECT lower(p ->> 'name') AS key, p ->> 'name' AS name,
         TRY_CAST(p -> 'grades' ->> 'individual_harm' AS DOUBLE) AS individual_harm, TRY_CAST(p -> 'grades' ->> 'community_harm' AS DOUBLE) AS community_harm,
         TRY_CAST(p -> 'grades' ->> 'likelihood' AS DOUBLE) AS likelihood, TRY_CAST(p -> 'grades' ->> 'public_expectation' AS DOUBLE) AS public_expectation,
         TRY_CAST(p -> 'grades' ->> 'organisational_position' AS DOUBLE) AS organisational_position, TRY_CAST(p -> 'grades' ->> 'confidence' AS DOUBLE) AS confidence,
         (SELECT string_agg(k || ': ' || (p -> 'evidence' ->> k), '; ') FROM unnest(json_keys(p -> 'evidence')) AS t(k)) AS evidence,
         s.version, s.saved_by, CAST(s.saved_at AS VARCHAR) AS saved_at,
         TRY_CAST(s.doc -> 'weights' ->> 'individual' AS DOUBLE) AS w_individual, TRY_CAST(s.doc -> 'weights' ->> 'community' AS DOUBLE) AS w_community,
         TRY_CAST(s.doc -> 'weights' ->> 'public_expectation' AS DOUBLE) AS w_public, TRY_CAST(s.doc -> 'weights' ->> 'organisational_position' AS DOUBLE) AS w_organisation
  FROM saved s, unnest(CAST(s.doc -> 'priorities' AS JSON[])) AS t(p)
),
listed AS (
  SELECT d.priority_ord AS ord, d.priority, d.higher_measures, d.rising_measures FROM data_view d
  UNION ALL SELECT 100 + row_number() OVER (ORDER BY g.name), g.name, NULL, NULL FROM graded g WHERE g.key NOT IN (SELECT lower(priority) FROM data_view)
)
SELECT l.priority,
       morile_score(g.individual_harm, g.community_harm, g.likelihood, g.public_expectation, g.organisational_position, g.w_individual, g.w_community, g.w_public, g.w_organisation) AS score,
       CAST(g.individual_harm AS INTEGER) AS individual_harm, CAST(g.community_harm AS INTEGER) AS community_harm, CAST(g.likelihood AS INTEGER) AS likelihood,
       CAST(g.public_expectation AS INTEGER) AS public_expectation, CAST(g.organisational_position AS INTEGER) AS organisational_position,
       CASE CAST(g.confidence AS INTEGER) WHEN 1 THEN 'low' WHEN 2 THEN 'medium' WHEN 3 THEN 'high' END AS confidence,
       l.higher_measures, l.rising_measures, g.evidence,
       CASE WHEN g.version IS NULL THEN 'Not graded' ELSE 'Version ' || g.version || ', saved ' || left(g.saved_at, 16) || ' by ' || g.saved_by END AS grades_saved
FROM listed l LEFT JOIN graded g ON g.key = lower(l.priority)
ORDER BY score DESC NULLS LAST, l.ord
