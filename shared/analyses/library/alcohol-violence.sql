-- Alcohol-flagged shares of offences, violence and public-place violence by time of day, area vs comparator.
WITH c AS (
  SELECT alcohol, offence_group, offence_subgroup, public_place,
         (hour(occurred_at) >= 21 OR hour(occurred_at) < 4) AS late_night,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crimes WHERE recorded_date BETWEEN $from AND $to
),
measures AS (
  SELECT * FROM (VALUES
    (1, 'All offences'), (2, 'Violence against the person'), (3, 'Violence with injury'), (4, 'Public-place violence'),
    (5, 'Public-place violence, late night (21:00–04:00)'), (6, 'Public-place violence, day and evening')) m(ord, measure)
),
counts AS (
  SELECT m.ord, m.measure,
         count(*) FILTER (WHERE c.in_area AND c.alcohol) AS numerator, count(*) FILTER (WHERE c.in_area) AS denominator,
         count(*) FILTER (WHERE c.in_comparator AND c.alcohol) AS comparator_numerator, count(*) FILTER (WHERE c.in_comparator) AS comparator_denominator
  FROM measures m JOIN c ON CASE m.ord
      WHEN 1 THEN true
      WHEN 2 THEN c.offence_group = 'Violence against the Person'
      WHEN 3 THEN c.offence_subgroup = 'Violence with injury'
      WHEN 4 THEN c.offence_group = 'Violence against the Person' AND c.public_place
      WHEN 5 THEN c.offence_group = 'Violence against the Person' AND c.public_place AND c.late_night
      ELSE c.offence_group = 'Violence against the Person' AND c.public_place AND NOT c.late_night END
  GROUP BY m.ord, m.measure
)
SELECT measure, numerator, denominator, 100.0 * numerator / nullif(denominator, 0) AS pct,
       100 * prop_lower(numerator, nullif(denominator, 0), $confidence) AS lower,
       100 * prop_upper(numerator, nullif(denominator, 0), $confidence) AS upper,
       100.0 * comparator_numerator / nullif(comparator_denominator, 0) AS comparator_pct
FROM counts ORDER BY ord
