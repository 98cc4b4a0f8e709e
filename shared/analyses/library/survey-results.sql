-- Survey: share answering positively, overall and by ward, age band and sex; small bases suppressed.
WITH answers AS (
  SELECT s.question, s.respondent_id, s.ward, s.age_band, s.sex, r.positive, r.excluded
  FROM survey s JOIN survey_recodes r USING (question, answer)
),
respondent AS (
  -- The demographic columns travel on every answer row; take each respondent's own values.
  SELECT respondent_id, any_value(ward) AS ward, any_value(age_band) AS age_band, any_value(sex) AS sex FROM answers GROUP BY 1
),
scored AS (
  SELECT a.question, r.ward, r.age_band, r.sex, a.positive
  FROM answers a JOIN respondent r USING (respondent_id) WHERE NOT a.excluded
),
groups AS (
  SELECT question, 'All respondents' AS breakdown, 'All' AS value, count(*) AS base, count(*) FILTER (WHERE positive) AS positive FROM scored GROUP BY question
  UNION ALL SELECT question, 'Ward', coalesce(ward, 'Not given'), count(*), count(*) FILTER (WHERE positive) FROM scored GROUP BY question, ward
  UNION ALL SELECT question, 'Age band', coalesce(age_band, 'Not given'), count(*), count(*) FILTER (WHERE positive) FROM scored GROUP BY question, age_band
  UNION ALL SELECT question, 'Sex', coalesce(sex, 'Not given'), count(*), count(*) FILTER (WHERE positive) FROM scored GROUP BY question, sex
)
SELECT question, breakdown, value, base,
       positive, -- withheld from exports under min_base by the metadata's rule, and protected against the total
       CASE WHEN base >= $min_base THEN 100.0 * positive / base END AS pct,
       CASE WHEN base >= $min_base THEN 100 * prop_lower(positive, base, $confidence) END AS lower,
       CASE WHEN base >= $min_base THEN 100 * prop_upper(positive, base, $confidence) END AS upper,
       CASE WHEN base < $min_base THEN 'yes' ELSE 'no' END AS suppressed
FROM groups
ORDER BY question, breakdown = 'All respondents' DESC, breakdown, value
