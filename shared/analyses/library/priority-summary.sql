-- The summary of priorities for the area: each candidate priority (and the analyst's own) with the grades saved for
-- the area on MoRiLE's scales, its score, and what the data shows — its measures significantly higher than the
-- comparator (the force) or significantly rising on the 12 months before, in the 12 months to $to.
WITH bounds AS (
  SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
         (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
),
places AS (SELECT code FROM comparator_districts UNION SELECT code FROM area_districts),
priorities (priority_ord, priority, measure_ord, measure_kind, measure_key, measure) AS (
  VALUES (1, 'Anti-social behaviour', 1, 'asb', '', 'Anti-social behaviour'),
         (2, 'Domestic abuse', 1, 'flag', 'domestic', 'Domestic abuse'),
         (3, 'Car-key burglary', 1, 'offence_group', 'Burglary', 'Burglary'),
         (3, 'Car-key burglary', 2, 'offence_subgroup', 'Burglary Residential', 'Residential burglary'),
         (3, 'Car-key burglary', 3, 'flag', 'vehicle_taken', 'Burglary with a vehicle taken'),
         (4, 'County lines', 1, 'flag', 'drugs', 'Drug-related crime'),
         (4, 'County lines', 2, 'offence_group', 'Possession of Weapons', 'Possession of weapons'),
         (5, 'Fraud', 1, 'incident_type', 'Action Fraud referral', 'Action Fraud referrals'),
         (6, 'Vulnerable persons', 1, 'flag', 'alcohol', 'Alcohol-related crime'),
         (6, 'Vulnerable persons', 2, 'incident_type', 'Mental health', 'Mental health calls'),
         (6, 'Vulnerable persons', 3, 'incident_type', 'Missing person', 'Missing persons'),
         (6, 'Vulnerable persons', 4, 'incident_high_risk', 'Missing person', 'High-risk missing persons'),
         (7, 'Child safeguarding', 1, 'flag', 'cse', 'Child sexual exploitation'),
         (8, 'Repeat and persistent offending', 1, 'crime', '', 'Total recorded crime')
),
window_crimes AS (SELECT c.* FROM crimes c, bounds b WHERE c.recorded_date BETWEEN b.previous_start AND b.current_end AND c.district_code IN (SELECT code FROM places)),
events AS (
  SELECT p.priority_ord, p.measure_ord, e.district_code, e.day
  FROM priorities p JOIN (
    SELECT 'crime' AS kind, '' AS key, district_code, recorded_date AS day FROM window_crimes
    UNION ALL SELECT 'offence_group', offence_group, district_code, recorded_date FROM window_crimes
    UNION ALL SELECT 'offence_subgroup', offence_subgroup, district_code, recorded_date FROM window_crimes
    UNION ALL SELECT 'flag', f.flag, c.district_code, c.recorded_date FROM window_crimes c,
      (VALUES ('domestic'), ('alcohol'), ('drugs'), ('cse'), ('vehicle_taken')) AS f(flag)
      WHERE CASE f.flag WHEN 'domestic' THEN c.domestic WHEN 'alcohol' THEN c.alcohol WHEN 'drugs' THEN c.drugs WHEN 'cse' THEN c.cse ELSE c.vehicle_taken END
    UNION ALL SELECT 'asb', '', a.district_code, a.reported_date FROM asb a, bounds b WHERE a.reported_date BETWEEN b.previous_start AND b.current_end AND a.district_code IN (SELECT code FROM places)
    UNION ALL SELECT 'incident_type', i.incident_type, i.district_code, i.reported_date FROM incidents i, bounds b WHERE i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)
    UNION ALL SELECT 'incident_high_risk', i.incident_type, i.district_code, i.reported_date FROM incidents i, bounds b WHERE lower(i.risk_level) = 'high' AND i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)
  ) e ON e.kind = p.measure_kind AND e.key = p.measure_key
),
counts AS (
  SELECT p.priority_ord, p.priority, p.measure_ord, p.measure,
         count(e.day) FILTER (WHERE e.day >= b.current_start AND e.district_code IN (SELECT code FROM area_districts)) AS current,
         count(e.day) FILTER (WHERE e.day < b.current_start AND e.district_code IN (SELECT code FROM area_districts)) AS previous,
         count(e.day) FILTER (WHERE e.day >= b.current_start AND e.district_code IN (SELECT code FROM comparator_districts)) AS comparator_count
  FROM priorities p LEFT JOIN events e USING (priority_ord, measure_ord), bounds b GROUP BY ALL
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
