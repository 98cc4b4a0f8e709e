-- The two periods the priorities are judged on: the 12 months to $to (current) and the 12 months before them.
SELECT CAST($to AS DATE) AS current_end, (CAST($to AS DATE) + 1 - INTERVAL 12 MONTH)::DATE AS current_start,
       (CAST($to AS DATE) + 1 - INTERVAL 24 MONTH)::DATE AS previous_start
