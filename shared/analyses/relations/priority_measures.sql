-- The assessment's candidate priorities and the measures that describe them (measure kinds as in hotspot-wards).
SELECT * FROM (
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
) AS t(priority_ord, priority, measure_ord, measure_kind, measure_key, measure)
