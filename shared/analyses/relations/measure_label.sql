-- The label of the measure an analysis was asked for ($measure_kind, with $measure when it names one), as its
-- table and chart title it: "Total recorded crime", "Offence group: Burglary". One row.
SELECT CASE $measure_kind WHEN 'crime' THEN 'Total recorded crime' WHEN 'asb' THEN 'Anti-social behaviour' WHEN 'offence_group' THEN 'Offence group' WHEN 'offence_subgroup' THEN 'Offence subgroup' WHEN 'flag' THEN 'Flagged crime' WHEN 'asb_category' THEN 'ASB category' WHEN 'incident_type' THEN 'Incidents' WHEN 'incident_high_risk' THEN 'High-risk incidents' ELSE $measure_kind END
  || CASE WHEN $measure = '' THEN '' ELSE ': ' || $measure END AS measure
