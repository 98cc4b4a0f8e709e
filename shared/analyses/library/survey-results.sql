-- Survey: share answering positively, overall and by ward, age band and sex; small bases suppressed. Only the
-- area's survey: its respondents living in the area's wards (or giving no ward the lookup knows), from the survey
-- chosen by $survey (the file it was imported from), or else the latest survey with respondents in the area.
-- A question with no positive answers (employment status) is a distribution: the share giving each answer.
WITH area_wards AS (
  SELECT DISTINCT lower(ward_name) AS ward FROM geography WHERE district_code IN (SELECT code FROM area_districts)
),
known_wards AS (SELECT DISTINCT lower(ward_name) AS ward FROM geography WHERE ward_name IS NOT NULL),
surveys AS (
  SELECT s.import_id, any_value(i.file_name) AS file_name, any_value(i.imported_at) AS imported_at
  FROM survey s LEFT JOIN csw_meta.imports i USING (import_id)
  WHERE lower(s.ward) IN (SELECT ward FROM area_wards) GROUP BY s.import_id
),
chosen AS (
  SELECT import_id FROM surveys WHERE file_name = $survey
  UNION ALL
  SELECT import_id FROM (SELECT import_id FROM surveys ORDER BY imported_at DESC, import_id DESC LIMIT 1) WHERE $survey = ''
),
answers AS (
  SELECT s.question, s.answer, s.respondent_id, s.ward, s.age_band, s.sex, r.positive, r.excluded
  FROM survey s JOIN survey_recodes r USING (question, answer)
  WHERE s.import_id IN (SELECT import_id FROM chosen)
),
respondent AS (
  -- The demographic columns travel on every answer row; take each respondent's own values.
  SELECT respondent_id, any_value(ward) AS ward, any_value(age_band) AS age_band, any_value(sex) AS sex FROM answers GROUP BY 1
  HAVING lower(any_value(ward)) IN (SELECT ward FROM area_wards) OR any_value(ward) IS NULL OR lower(any_value(ward)) NOT IN (SELECT ward FROM known_wards)
),
-- Questions where some answer is positive are scored; the others are distributions of their answers.
scored_questions AS (SELECT question FROM survey_recodes GROUP BY question HAVING bool_or(positive)),
scored AS (
  SELECT a.question, r.ward, r.age_band, r.sex, a.positive
  FROM answers a JOIN respondent r USING (respondent_id) WHERE NOT a.excluded AND a.question IN (SELECT question FROM scored_questions)
),
distributed AS (
  SELECT a.question, a.answer FROM answers a JOIN respondent r USING (respondent_id)
  WHERE NOT a.excluded AND a.question NOT IN (SELECT question FROM scored_questions)
),
groups AS (
  SELECT question, 'All respondents' AS breakdown, 'All' AS value, count(*) AS base, count(*) FILTER (WHERE positive) AS positive FROM scored GROUP BY question
  UNION ALL SELECT question, 'Ward', coalesce(ward, 'Not given'), count(*), count(*) FILTER (WHERE positive) FROM scored GROUP BY question, ward
  UNION ALL SELECT question, 'Age band', coalesce(age_band, 'Not given'), count(*), count(*) FILTER (WHERE positive) FROM scored GROUP BY question, age_band
  UNION ALL SELECT question, 'Sex', coalesce(sex, 'Not given'), count(*), count(*) FILTER (WHERE positive) FROM scored GROUP BY question, sex
  UNION ALL
  SELECT question, 'Answer', answer, sum(count(*)) OVER (PARTITION BY question), count(*) FROM distributed GROUP BY question, answer
)
SELECT question, breakdown, value, base,
       positive, -- withheld from exports under min_base by the metadata's rule, and protected against the total
       CASE WHEN base >= $min_base THEN 100.0 * positive / base END AS pct,
       CASE WHEN base >= $min_base THEN 100 * prop_lower(positive, base, $confidence) END AS lower,
       CASE WHEN base >= $min_base THEN 100 * prop_upper(positive, base, $confidence) END AS upper,
       CASE WHEN base < $min_base THEN 'yes' ELSE 'no' END AS suppressed,
       CASE WHEN breakdown = 'Answer' THEN 'share giving this answer' ELSE 'share answering positively' END AS measure
FROM groups
ORDER BY question, breakdown = 'All respondents' DESC, breakdown, value
